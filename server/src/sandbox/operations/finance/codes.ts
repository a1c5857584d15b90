import { CODES } from '../rules';

/**
 * The per-item and whole-message errors of the finance services. Codes follow GIS's families:
 * INT… for integration controls (an identifier or an NSI position that is not there), SRV… for
 * business rules; the situations the house-management side also meets (not found, unknown NSI
 * position, unknown FIAS house, another organisation's object) answer with its codes
 * (operations/rules.ts). The texts are the stand's own, in Russian as GIS writes them.
 */
export interface ItemError {
  readonly code: string;
  readonly description: string;
}

function err(code: string, description: string): ItemError {
  return { code, description };
}

export const E = {
  /** Nothing matched an export's criteria. */
  nothingToExport: () => err(CODES.nothingToExport, 'Нет объектов для экспорта'),
  accountNotFound: (id: string) => err(CODES.notFound, `Не найден лицевой счёт ${id}`),
  unifiedAccountNotFound: (els: string) => err(CODES.notFound, `Не найден единый лицевой счёт ${els}`),
  serviceIdNotFound: (id: string) => err(CODES.notFound, `Не найден идентификатор жилищно-коммунальной услуги ${id}`),
  paymentDocumentNotFound: (id: string) => err(CODES.notFound, `Не найден платёжный документ ${id}`),
  notificationNotFound: (id: string) => err(CODES.notFound, `Не найдено извещение о принятии к исполнению распоряжения ${id}`),
  subrequestNotFound: (id: string) => err(CODES.notFound, `Не найден подзапрос о наличии задолженности ${id}`),
  settlementNotFound: (id: string) => err(CODES.notFound, `Не найдены сведения о расчётах ${id}`),
  contractNotFound: (id: string) => err(CODES.notFound, `Не найден договор ресурсоснабжения ${id}`),
  contractRequired: () => err(CODES.notFound, 'Для новых сведений о расчётах укажите договор ресурсоснабжения (ContractRootGUID)'),
  intervalNotFound: (id: string) => err(CODES.notFound, `Не найдена информация о перерыве ${id}`),
  outageNotFound: (id: string) => err(CODES.notFound, `Не найдены сведения о перерыве ${id}`),
  debtNotFound: (id: string) => err(CODES.notFound, `Не найдены сведения о задолженности ${id} в реестре`),
  nsiUnknown: (what: string, code: string, guid: string, registries: readonly number[] = []) =>
    err(
      CODES.nsiUnknown,
      `${what}: позиция с кодом ${code} и GUID ${guid} не найдена ${registries.length ? `в справочнике НСИ ${registries.join(' или ')}` : 'в справочниках НСИ'}`,
    ),
  nsiCodeMismatch: (what: string, code: string, guid: string, known: string) =>
    err(CODES.nsiUnknown, `${what}: код ${code} не соответствует позиции справочника НСИ ${guid} (её код ${known})`),
  fiasHouseUnknown: (guid: string) => err(CODES.fiasUnknown, `Дом с идентификатором ФИАС ${guid} не найден в ГИС ЖКХ`),
  houseUnknown: (guid: string) => err(CODES.fiasUnknown, `Дом ${guid} не найден в ГИС ЖКХ`),
  accountClosed: (number: string) => err('SRV006001', `Лицевой счёт ${number} закрыт: размещение платёжного документа невозможно`),
  duplicateDocumentNumber: (number: string, period: string) =>
    err('SRV006002', `Платёжный документ с номером ${number} за ${period} уже размещён по другому лицевому счёту`),
  documentWithdrawn: (id: string) => err('SRV006003', `Платёжный документ ${id} отозван`),
  documentOfOtherAccount: (id: string) => err('SRV006004', `Платёжный документ ${id} выставлен по другому лицевому счёту`),
  duplicateOrder: (orderId: string) =>
    err('SRV006101', `Извещение с номером распоряжения ${orderId} уже размещено с другими сведениями`),
  notificationAnnulled: (id: string) => err('SRV006102', `Извещение ${id} аннулировано: квитирование невозможно`),
  notificationAcknowledged: (id: string) =>
    err('SRV006103', `Извещение ${id} сквитировано: сначала отмените квитирование, затем аннулируйте извещение`),
  ackExceedsPayment: (id: string, rest: string) =>
    err('SRV006104', `Сумма квитирования превышает несквитированный остаток извещения ${id} (${rest} руб.)`),
  serviceNotInDocument: (guid: string, id: string) => err('SRV006105', `Услуга ${guid} отсутствует в платёжном документе ${id}`),
  ackNotFound: (notification: string, id: string) =>
    err('SRV006106', `Нет действующего квитирования извещения ${notification} с платёжным документом ${id}`),
  periodMismatch: (id: string, period: string) => err('SRV006107', `Платёжный документ ${id} выставлен не за ${period}`),
  responseAlreadySent: (id: string) => err('SRV008001', `Ответ на подзапрос ${id} уже направлен; чтобы изменить его, сначала отзовите ответ`),
  nothingToRevoke: (id: string) => err('SRV008002', `По подзапросу ${id} нет направленного ответа, отзывать нечего`),
  debtInfoMismatch: (hasDebt: boolean) =>
    err(
      'SRV008003',
      hasDebt
        ? 'Признак наличия задолженности указан, но сведения о должниках (debtInfo или debtGUID) не переданы'
        : 'Задолженность отсутствует, но переданы сведения о должниках',
    ),
  subrequestOfOtherOrg: (id: string) => err(CODES.foreignObject, `Подзапрос ${id} направлен другой организации`),
  responseDataMissing: (id: string) => err('SRV008005', `Для отправки ответа на подзапрос ${id} нужен блок responseData`),
  endBeforeStart: () => err('SRV009001', 'Дата и время окончания раньше даты и времени начала'),
  alreadyAnnulled: (id: string) => err('SRV009002', `Запись ${id} уже аннулирована`),
  periodNotPosted: (period: string) => err('SRV009003', `Сведения за ${period} не размещены, аннулировать нечего`),
  orgOfOtherRecord: (id: string) => err(CODES.foreignObject, `Запись ${id} размещена другой организацией`),
};

/** «октябрь 2026» for messages. */
export function periodText(year: number, month: number): string {
  const names = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
  return `${names[month - 1] ?? month} ${year}`;
}
