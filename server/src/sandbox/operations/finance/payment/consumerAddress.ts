import { leaf, el } from '../xml';

/**
 * pm:address (PremisesAddressType) from a house's address line as the house-management side
 * keeps it («г. Тверь, ул. Софьи Перовской, д. 12»): the parts are recognised by their usual
 * abbreviations; a line without a region gets the one of the stand's demo city.
 */
export function consumerAddressXml(address: string, fiasHouseGuid: string, apartment: string | undefined): string {
  const parts = address.split(',').map((p) => p.trim()).filter(Boolean);
  const find = (re: RegExp) => parts.find((p) => re.test(p));
  const region = find(/(обл\.?|область|край|респ\.?|республика|АО)(\s|$)|^(обл|респ)\.?\s/i) ?? (/Тверь/.test(address) ? 'Тверская обл.' : parts[0] ?? '—');
  const city = find(/^г\.?\s/)?.replace(/^г\.?\s*/, '');
  const street = find(/^(ул|пр-кт|просп|пер|б-р|бульвар|наб|ш|пл|проезд|мкр)\.?\s|\s(ул|бульвар)\.?$/i);
  const house = find(/^(д|дом)\.?\s/)?.replace(/^(д|дом)\.?\s*/, '');
  const full = apartment ? `${address}, кв. ${apartment}` : address;
  return el(
    'pm:address',
    leaf('pm:region', region.slice(0, 1000)),
    leaf('pm:city', city?.slice(0, 120)),
    leaf('pm:street', street?.slice(0, 120)),
    leaf('pm:housenum', house?.slice(0, 20)),
    leaf('pm:FIASHouseGuid', fiasHouseGuid),
    leaf('pm:apartment', apartment?.slice(0, 255)),
    leaf('pm:address_string', full.slice(0, 2500)),
  );
}
