import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';

/** Small stand-ins for the XML of one exchange; the journal stores text, it never parses it. */
export const XML = {
  request: (n = 1) => `<hm:importHouseUORequest xmlns:hm="urn:hm" Id="req-${n}"><hm:TransportGUID>t-${n}</hm:TransportGUID></hm:importHouseUORequest>`,
  signed: (n = 1) => `<hm:importHouseUORequest xmlns:hm="urn:hm" Id="req-${n}"><ds:Signature xmlns:ds="urn:ds"/></hm:importHouseUORequest>`,
  ack: (gis: string) => `<base:AckRequest xmlns:base="urn:base"><base:Ack><base:MessageGUID>${gis}</base:MessageGUID></base:Ack></base:AckRequest>`,
  poll: (state: number) => `<getStateResult><RequestState>${state}</RequestState></getStateResult>`,
  pollRequest: (gis: string) => `<getStateRequest><MessageGUID>${gis}</MessageGUID></getStateRequest>`,
  answer: () => '<getStateResult><RequestState>3</RequestState><ImportResult><TransportGUID>t-1</TransportGUID><UniqueNumber>AAM00023</UniqueNumber></ImportResult></getStateResult>',
  fault: () => '<soap:Fault xmlns:soap="urn:soap"><faultcode>soap:Client</faultcode><detail><base:Fault xmlns:base="urn:base"><base:ErrorCode>AUT011003</base:ErrorCode></base:Fault></detail></soap:Fault>',
};

export function tempJournalDir(prefix = 'gis-journal-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of a journal folder as a crash would leave it: everything on disk, no lock. */
export function copyAsCrashed(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
  fs.rmSync(path.join(to, 'journal.lock'), { force: true });
}

/** Entry names and texts of a zip. */
export async function readZip(file: string): Promise<Map<string, string>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const out = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}
