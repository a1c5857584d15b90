import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PackageInstallError, describeInstallError } from '../../server/src/catalog/installError';
import { PACKAGE_META, installPackage, removePackage } from '../../server/src/catalog/packageInstaller';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { bundledSchemasDir } from '../../server/src/productPaths';
import { MINI_PACKAGE_ROOT } from '../support/engine';
import { ZipEntrySpec, writeZip } from '../support/zipWriter';

function miniEntries(prefix = ''): ZipEntrySpec[] {
  const out: ZipEntrySpec[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else out.push({ name: prefix + r, data: fs.readFileSync(path.join(dir, e.name)), deflate: true });
    }
  };
  walk(MINI_PACKAGE_ROOT, '');
  return out;
}

async function refused(p: Promise<unknown>): Promise<PackageInstallError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PackageInstallError, String(e));
    return e;
  }
  assert.fail('the package was accepted');
}

describe('format package installation', () => {
  let tmp: string;
  let store: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-install-'));
    store = path.join(tmp, 'store');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const zip = (entries: ZipEntrySpec[], name = 'pkg.zip'): string => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, writeZip(entries));
    return file;
  };
  const storeEntries = (): string[] => (fs.existsSync(store) ? fs.readdirSync(store) : []);

  it('installs a folder, reads its version, and the registry sees it at once', async () => {
    const r = await installPackage(MINI_PACKAGE_ROOT, store);
    assert.equal(r.pkg.version, '1.1.0.0');
    assert.equal(r.replaced, false);
    assert.equal(r.meta.operations, 3);
    assert.ok(fs.existsSync(path.join(store, '1.1.0.0', PACKAGE_META)));
    const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: store });
    assert.equal(registry.find('1.1.0.0')?.origin, 'installed');
    assert.equal(registry.select('').pkg?.version, '1.1.0.0');
    assert.deepEqual(storeEntries(), ['1.1.0.0']);
  });

  it('installs a zip with a top folder named after the version, and replaces a reinstalled version', async () => {
    const file = zip(miniEntries('hcs_wsdl_xsd_v.1.1.0.0/'), 'hcs_wsdl_xsd_v.1.1.0.0.zip');
    const first = await installPackage(file, store);
    assert.equal(first.pkg.version, '1.1.0.0');
    const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: store });
    const second = await installPackage(file, store);
    assert.equal(second.replaced, true);
    assert.deepEqual(registry.refresh(), ['installed:1.1.0.0']);
    assert.deepEqual(storeEntries(), ['1.1.0.0']);
  });

  it('takes an explicit version over the detected one, and removes an installed version', async () => {
    const r = await installPackage(MINI_PACKAGE_ROOT, store, { version: '2.0.0.0' });
    assert.equal(r.pkg.version, '2.0.0.0');
    assert.equal(removePackage(store, '2.0.0.0'), true);
    assert.equal(removePackage(store, '2.0.0.0'), false);
    assert.deepEqual(storeEntries(), []);
  });

  for (const [what, name] of [
    ['a path with ..', '../evil.xsd'],
    ['a nested path with ..', 'lib/../../evil.xsd'],
    ['an absolute path', '/tmp/evil.xsd'],
    ['a Windows path with backslashes', '..\\..\\evil.xsd'],
    ['a drive letter', 'C:/evil.xsd'],
  ]) {
    it(`refuses a zip entry with ${what} and writes nothing outside`, async () => {
      const e = await refused(installPackage(zip([...miniEntries(), { name, data: '<x/>' }]), store));
      assert.equal(e.code, 'unsafe-path');
      assert.ok(!fs.existsSync(path.join(tmp, 'evil.xsd')));
      assert.ok(!fs.existsSync(path.join(store, 'evil.xsd')));
      assert.deepEqual(storeEntries(), []);
      assert.match(describeInstallError(e, 'ru'), /ведёт за пределы папки пакета/);
    });
  }

  it('refuses a symbolic link in a zip and in a folder', async () => {
    const e = await refused(installPackage(zip([...miniEntries(), { name: 'lib/link.xsd', data: '/etc/passwd', mode: 0o120777 }]), store));
    assert.equal(e.code, 'link');
    const dir = path.join(tmp, 'folder');
    fs.cpSync(MINI_PACKAGE_ROOT, dir, { recursive: true });
    fs.symlinkSync('/etc/passwd', path.join(dir, 'lib', 'passwd.xsd'));
    assert.equal((await refused(installPackage(dir, store))).code, 'link');
    assert.deepEqual(storeEntries(), []);
  });

  it('stops a zip bomb at the size limit, whatever the archive declares', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const limits = { maxFiles: 100, maxFileBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };
    const honest = await refused(installPackage(zip([...miniEntries(), { name: 'lib/bomb.xsd', data: zeros, deflate: true }]), store, { limits }));
    assert.equal(honest.code, 'too-large');
    const lying = await refused(installPackage(zip([...miniEntries(), { name: 'lib/bomb.xsd', data: zeros, deflate: true, declaredSize: 10 }], 'lying.zip'), store, { limits }));
    assert.ok(['too-large', 'bad-zip'].includes(lying.code), lying.code);
    assert.deepEqual(storeEntries(), []);
  });

  it('refuses too many files', async () => {
    const e = await refused(installPackage(zip(miniEntries()), store, { limits: { maxFiles: 2, maxFileBytes: 1e6, maxTotalBytes: 1e7 } }));
    assert.equal(e.code, 'too-many-files');
  });

  it('refuses what is not a GIS format package, and what is not a zip', async () => {
    const e = await refused(installPackage(zip([{ name: 'a/b.xsd', data: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>' }]), store));
    assert.equal(e.code, 'not-a-package');
    assert.match(describeInstallError(e, 'ru'), /Это не пакет форматов ГИС ЖКХ/);
    const junk = path.join(tmp, 'junk.zip');
    fs.writeFileSync(junk, 'not a zip at all');
    assert.equal((await refused(installPackage(junk, store))).code, 'bad-zip');
    assert.equal((await refused(installPackage(path.join(tmp, 'missing.zip'), store))).code, 'not-found');
    assert.deepEqual(storeEntries(), []);
  });

  it('keeps only schema files, changelogs and licences from an archive', async () => {
    const r = await installPackage(zip([...miniEntries(), { name: 'readme.exe', data: 'MZ' }, { name: 'docs/manual.pdf', data: '%PDF' }]), store);
    assert.equal(r.skippedFiles, 2);
    assert.ok(!fs.existsSync(path.join(r.pkg.root, 'readme.exe')));
  });
});
