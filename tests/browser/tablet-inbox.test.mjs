// A shared tablet rates for several therapists through the clinic inbox,
// against the real CouchDB-compatible server the tests start (pouchdb-server
// on loopback, couch.mjs): one members-only database per caseload, and the
// inbox `<clinic>-inbox` whose members are every therapist and the tablet's
// user. Each therapist's device publishes its caseload's public key; the
// tablet, a member of the inbox only, keeps each key as shown at set-up,
// seals each rating to the therapist who handed it over and forgets it once
// sent; each therapist's device opens only what is sealed to it, keeps it in
// its caseload and closes the inbox copy. Each browser context is one device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openApp, assertClean, setPin, rateAll, axe } from './harness.mjs';
import {
  env, couch, useCouchServer, nameTherapist as nameOne, fillSync, turnOn, synced, syncNow, stored,
} from './caseload-steps.mjs';

useCouchServer();

/** Settings → Therapists: names a therapist, waiting for "<name> added" (with or without what follows). */
const nameTherapist = (page, name) => nameOne(page, name, { message: `${name} added` });

async function setTherapistPin(page, name, pin) {
  await page.getByLabel(`${name}'s own PIN (4 to 8 digits)`).fill(pin);
  await page.getByLabel(`Repeat ${name}'s PIN`).fill(pin);
  await page.getByRole('button', { name: `Save ${name}'s PIN` }).click();
  await page.getByText(`${name}'s PIN saved.`).waitFor();
}

/** A therapist's laptop: named, syncing its caseload, receiving the tablets' ratings; its key's fingerprint. */
async function therapistDevice(clinicDb, name, user) {
  const d = await openApp(env);
  await nameTherapist(d.page, name);
  await turnOn(d.page, clinicDb, user);
  await d.page.getByLabel("Receive ratings from the clinic's shared tablets").check();
  const key = d.page.getByTestId('inbox-key');
  await key.filter({ hasText: "This caseload's inbox key: " }).waitFor({ timeout: 60_000 });
  await synced(d.page);
  return { ...d, fingerprint: (await key.textContent()).replace("This caseload's inbox key: ", '') };
}

/** On the tablet: `who` (working now) hands it over, a client rates, `who` takes it back with their PIN. */
async function clientRates(page, who, pin, fractions) {
  await page.goto(env.origin + '/therapist.html#/clients');
  await page.getByLabel('Therapist working now').selectOption(who);
  await page.getByRole('button', { name: 'Hand to client' }).click();
  await rateAll(page, fractions);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  await page.getByRole('button', { name: 'Therapist: unlock' }).click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => localStorage.getItem('attune.locked') === null);
}

/** The unassigned ratings' screen's text on a therapist's device. */
async function unassigned(page) {
  await page.goto(env.origin + '/therapist.html#/unassigned');
  await page.getByRole('heading', { name: 'Ratings to assign' }).waitFor();
  return (await page.locator('main').textContent()) ?? '';
}

test("a shared tablet's ratings reach the right caseload, sealed in the inbox, which holds only ciphertext and is emptied after delivery", async () => {
  const clinicDb = `clinic${crypto.randomBytes(3).toString('hex')}`;
  const clinic = await couch.caseloads({
    clinicDb,
    therapists: [{ id: 'ana' }, { id: 'ben' }],
    tablets: [{ user: 'tablet' }],
    inbox: true,
  });
  const inbox = clinic.inbox;
  assert.equal(inbox, `${clinicDb}-inbox`);

  // Each therapist's laptop publishes its caseload's key in the inbox.
  const ana = await therapistDevice(clinicDb, 'Ana', clinic.users.ana);
  const ben = await therapistDevice(clinicDb, 'Ben', clinic.users.ben);
  const pub = async (id) => (await couch.request(`/${inbox}/pubkey:${id}`)).json;
  const anaKey = await pub('ana');
  assert.equal(anaKey.alg, 'ECDH-P256');
  assert.equal(Buffer.from(anaKey.kid, 'base64').toString('hex').match(/.{4}/g).join(' '), ana.fingerprint, 'the fingerprint is the published key id');
  assert.notEqual(ana.fingerprint, ben.fingerprint);
  // The private key is kept in each caseload's own database, encrypted.
  const secret = await couch.request(`/${clinic.dbs.ana}/_local/attune-inbox-key`);
  assert.equal(secret.status, 200);
  assert.deepEqual(Object.keys(secret.json).sort(), ['_id', '_rev', 'ct', 'iv', 'key', 'to', 'type', 'v']);
  assert.equal((await couch.request(`/${clinic.dbs.ana}/_local/attune-inbox-key`, { auth: clinic.users.ben.auth })).status >= 401, true,
    "Ben's user cannot read Ana's caseload's key document");

  // The tablet: a device PIN, both therapists with their own PINs, then set
  // up as a shared tablet signing in as the tablet's user.
  const tab = await openApp(env);
  await setPin(tab.page, '9090');
  await nameTherapist(tab.page, 'Ana');
  await nameTherapist(tab.page, 'Ben');
  await setTherapistPin(tab.page, 'Ana', '2468');
  await setTherapistPin(tab.page, 'Ben', '1357');
  await fillSync(tab.page, clinicDb, clinic.users.tablet);
  await tab.page.getByLabel("This is a shared tablet: it sends ratings to each therapist's inbox and holds no caseload").check();
  assert.equal(await tab.page.getByLabel('Clinic passphrase').count(), 0, 'a tablet is never given the clinic passphrase');
  await tab.page.getByRole('button', { name: 'Turn sync on' }).click();
  await synced(tab.page);
  assert.match(await tab.page.getByTestId('sync-caseloads').textContent(), /shared tablet: it holds no caseload/);
  const keys = await tab.page.getByTestId('tablet-keys').locator('li').allTextContents();
  assert.deepEqual(keys, [`Ana's key: ${ana.fingerprint}`, `Ben's key: ${ben.fingerprint}`], 'the fingerprints to compare');
  assert.deepEqual(await axe(tab.page), [], "axe on the tablet's Settings");
  assert.deepEqual(await axe(ana.page), [], "axe on a therapist's Settings with the inbox key");

  // The server swaps Ana's published key for one of its own: the tablet
  // keeps sealing to the key it was shown.
  const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const raw = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(raw.x, 'base64url'), Buffer.from(raw.y, 'base64url')]);
  const swapped = { ...anaKey, key: point.toString('base64'), kid: crypto.createHash('sha256').update(point).digest().subarray(0, 16).toString('base64') };
  assert.equal((await couch.request(`/${inbox}/pubkey:ana`, { method: 'PUT', json: swapped })).status, 201);

  // Ana hands the tablet over and her client rates; then Ben's client.
  await clientRates(tab.page, 'Ana', '2468', [0.8, 0.7, 0.6, 0.9]);
  await clientRates(tab.page, 'Ben', '1357', [0.2, 0.3, 0.4, 0.5]);
  // Sent and forgotten: the tablet keeps nothing of them.
  await tab.page.goto(env.origin + '/therapist.html#/settings');
  await synced(tab.page);
  assert.deepEqual((await stored(tab.page)).ratings, [], 'the tablet holds no rating once sent');
  const left = await tab.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.new.')));
  assert.deepEqual(left, [], 'nor any copy of the form\'s');

  // The inbox holds one sealed rating for each, ciphertext only.
  const rows = (await couch.request(`/${inbox}/_all_docs?include_docs=true`)).json.rows.filter((r) => r.id.startsWith('inbox:'));
  assert.deepEqual(rows.map((r) => r.id.split(':').slice(0, 3).join(':')).sort(), ['inbox:ana:rating', 'inbox:ben:rating']);
  const anaSealed = rows.find((r) => r.id.startsWith('inbox:ana:')).doc;
  assert.equal(anaSealed.payload.kid, anaKey.kid, 'sealed to the key the tablet was shown, not the swapped one');
  const leak = (await couch.scan(inbox)).join('\n');
  for (const clear of ['scores', 'srs-attune', 'client_id', 'recorded_at', '"Ana"', '"Ben"']) {
    assert.ok(!leak.includes(clear), `no ${clear} in clear in the inbox`);
  }

  // The tablet's user is refused both caseloads.
  for (const id of ['ana', 'ben']) {
    for (const p of [`/${clinic.dbs[id]}/_all_docs`, `/${clinic.dbs[id]}/_local/attune-inbox-key`]) {
      const refused = await couch.request(p, { auth: clinic.users.tablet.auth });
      assert.ok([401, 403].includes(refused.status), `${p} refused to the tablet (${refused.status})`);
    }
  }

  // A sealed rating that does not open on Ana's device (its ciphertext
  // damaged) stays in the inbox, and her sync status says so.
  const damaged = { ...anaSealed, _id: 'inbox:ana:rating:damaged', payload: { ...anaSealed.payload, ct: Buffer.alloc(60, 7).toString('base64') } };
  delete damaged._rev;
  assert.equal((await couch.request(`/${inbox}/inbox:ana:rating:damaged`, { method: 'PUT', json: damaged })).status, 201);

  // Ana's laptop syncs (putting its own key back): her client's rating only,
  // in her caseload, recording her; the inbox copy closed.
  await syncNow(ana.page);
  assert.equal(await ana.page.getByTestId('sync-inbox').textContent(),
    '1 sealed rating in the clinic inbox does not open on this device; it stays in the inbox.');
  const anaRatings = (await stored(ana.page)).ratings;
  assert.equal(anaRatings.length, 1, 'hers, and nothing of the damaged one');
  assert.equal(anaRatings[0].therapist, 'Ana');
  assert.equal(anaRatings[0].client_id ?? null, null);
  const anaText = await unassigned(ana.page);
  assert.ok(anaText.includes('30.0'), anaText);
  assert.ok(!anaText.includes('14.0'), "never Ben's client's rating");
  const anaIds = (await couch.request(`/${clinic.dbs.ana}/_all_docs`)).json.rows.map((r) => r.id);
  assert.ok(anaIds.includes(`rating:${anaRatings[0].id}`), 'in her caseload database');
  const closed = await couch.request(`/${inbox}/inbox:ana:rating:${anaRatings[0].id}`);
  assert.equal(closed.status, 404, 'the inbox copy is closed');
  assert.equal((await pub('ana')).kid, anaKey.kid, "Ana's device put her key back");
  assert.equal((await couch.request(`/${inbox}/inbox:ana:rating:damaged`)).status, 200, 'what does not open is never closed');

  // Ben's laptop, the same with his.
  await syncNow(ben.page);
  const benRatings = (await stored(ben.page)).ratings;
  assert.equal(benRatings.length, 1);
  assert.equal(benRatings[0].therapist, 'Ben');
  const benText = await unassigned(ben.page);
  assert.ok(benText.includes('14.0') && !benText.includes('30.0'), benText);
  const remaining = (await couch.request(`/${inbox}/_all_docs`)).json.rows.map((r) => r.id).filter((id) => id.startsWith('inbox:'));
  assert.deepEqual(remaining, ['inbox:ana:rating:damaged'], 'every inbox copy delivered is closed; the damaged one stays');

  for (const d of [ana, ben, tab]) {
    assertClean(env, d.log);
    await d.context.close();
  }
});
