// An operator's day in the browser: sign in, watch a charger appear as it boots, start a charge from
// its page and find the session, fix a vehicle the API refused. Screenshots of each main screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ChargePoint, eventually, launchBrowser, screenshot, signIn, startManage } from './harness.mjs';

describe('manage web', () => {
  let manage;
  let browser;
  let page;
  let problems;
  const chargePoints = [];

  before(async () => {
    manage = await startManage();
    ({ browser, page, problems } = await launchBrowser());
  });

  after(async () => {
    for (const cp of chargePoints) cp.close();
    await browser?.close();
    if (manage) {
      const { code, signal } = await manage.stop();
      assert.ok(code === 0 || signal === 'SIGTERM', `manage exited with ${code ?? signal}:\n${manage.output()}`);
    }
  });

  test('signing in shows the organisation and the user in the header', async () => {
    await signIn(page, manage);
    const header = page.getByRole('banner');
    await header.getByText('admin@manage.local', { exact: false }).or(header.getByText(/admin/i)).first().waitFor();
    await screenshot(page, '01-overview-empty');
  });

  test('a charger that boots appears on the chargers list without a reload', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /chargers/i }).click();
    await page.waitForURL(/\/chargers$/);
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    const cp = new ChargePoint(manage.ocppUrl, 'E2E-CP-1');
    chargePoints.push(cp);
    await cp.boot();
    const row = page.getByRole('row', { name: /E2E-CP-1/ });
    await row.waitFor();
    assert.equal(await page.evaluate(() => performance.timeOrigin), loadedAt, 'the page was not reloaded');
    await screenshot(page, '02-chargers');
  });

  test('a remote start from the charger page starts a session that the page shows', async () => {
    await page.getByRole('link', { name: 'E2E-CP-1' }).first().click();
    await page.waitForURL(/\/chargers\/E2E-CP-1$/);
    await page.getByRole('button', { name: /remote start/i }).first().click();
    const dialog = page.getByRole('dialog', { name: /confirm remote start/i });
    await dialog.getByLabel(/id ?tag/i).fill('E2E-TAG-1');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByRole('status', { name: /charger's answer/i }).getByText('Accepted', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const session = await eventually(async () => {
      const { items } = await manage.api('GET', '/api/v1/sessions?chargerId=E2E-CP-1&status=active');
      return items[0];
    }, 15000, 'the charge point to start its transaction');
    assert.equal(session.idTag, 'E2E-TAG-1');
    await page.getByRole('link', { name: new RegExp(`\\b${session.transactionId}\\b`) }).first().waitFor();
    await screenshot(page, '03-charger-page');

    await page.getByRole('link', { name: new RegExp(`\\b${session.transactionId}\\b`) }).first().click();
    await page.waitForURL(new RegExp(`/sessions/${session.transactionId}$`));
    await page.getByText('E2E-TAG-1').first().waitFor();
    await screenshot(page, '04-session');
    await page.getByRole('navigation').getByRole('link', { name: /sessions/i }).click();
    await page.getByRole('row', { name: /E2E-TAG-1/ }).first().waitFor();
    await screenshot(page, '05-sessions');
  });

  test('a vehicle edit the API refuses shows the error next to its field, and a fixed one saves', async () => {
    const fleet = await manage.api('POST', '/api/v1/fleets', { name: 'City buses' });
    await manage.api('POST', '/api/v1/vehicles', {
      fleetId: fleet.id, name: 'Bus 12', batteryKwh: 300, maxDcKw: 150, targetSoc: 90, timezone: 'Europe/Amsterdam',
    });
    await page.getByRole('navigation').getByRole('link', { name: /vehicles/i }).click();
    await page.getByText('Bus 12').first().waitFor();
    await screenshot(page, '06-vehicles');

    await page.getByRole('link', { name: 'Bus 12' }).or(page.getByRole('button', { name: /bus 12|edit/i })).first().click();
    const battery = page.getByLabel(/battery/i);
    await battery.fill('5000');
    await page.getByRole('button', { name: /^save/i }).click();
    const error = await eventually(async () => {
      // The field names its error among what describes it (a hint may come first).
      for (const id of ((await battery.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean)) {
        const alert = page.locator(`[id="${id}"][role="alert"]`);
        if ((await alert.count()) && (await alert.textContent())?.trim()) return alert.textContent();
      }
      return null;
    }, 15000, 'the battery field to name its error');
    assert.match(error, /battery|2000|kWh/i);
    assert.equal(await battery.getAttribute('aria-invalid'), 'true');
    await screenshot(page, '07-vehicle-error');

    await battery.fill('320');
    await page.getByRole('button', { name: /^save/i }).click();
    await eventually(async () => {
      const { items } = await manage.api('GET', '/api/v1/vehicles');
      return items.find((v) => v.name === 'Bus 12')?.batteryKwh === 320;
    }, 15000, 'the vehicle to be saved');
    assert.equal(await battery.getAttribute('aria-invalid'), null, 'the error is cleared once saved');
  });

  test('the overview and settings render', async () => {
    const site = await manage.api('POST', '/api/v1/sites', {
      name: 'Depot North', timezone: 'Europe/Amsterdam', gridLimitKw: 400,
      address: { line1: 'Havenweg 1', postcode: '1000 AA', city: 'Amsterdam', country: 'NL' },
    });
    await manage.api('PATCH', '/api/v1/chargers/E2E-CP-1', { siteId: site.id, maxPowerKw: 150 });
    await page.getByRole('navigation').getByRole('link', { name: /overview/i }).click();
    await page.getByText('Depot North').first().waitFor();
    await screenshot(page, '08-overview');
    await page.getByRole('navigation').getByRole('link', { name: /settings/i }).click();
    await page.waitForURL(/\/settings/);
    await screenshot(page, '09-settings');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByRole('navigation').getByRole('link', { name: /overview/i }).click();
    await page.getByText('Depot North').first().waitFor();
    await screenshot(page, '10-overview-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('no errors in the browser console on any screen', () => {
    assert.deepEqual(problems, []);
  });
});
