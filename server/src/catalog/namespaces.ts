export const XS_NS = 'http://www.w3.org/2001/XMLSchema';
export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const GIS_NS_PREFIX = 'http://dom.gosuslugi.ru/schema/integration/';
export const GIS_BASE_NS = 'http://dom.gosuslugi.ru/schema/integration/base/';

export function isGisNamespace(ns: string | undefined): ns is string {
  return ns !== undefined && ns.startsWith(GIS_NS_PREFIX);
}
