// node page.js MAP.html: opens hotmap's web page in Debian's chromium through
// playwright-core, with every request that is not the file itself refused,
// and checks what a reader gets (tests/cli/cases/html_page):
// - axe-core, run in the page: no violation of the WCAG 2.0/2.1 A and AA rules;
// - the mouse over the largest symbol shows its tooltip, with its name;
// - Tab from the top of the page reaches the symbols largest first, each
//   focus shows its tooltip; Escape hides it;
// - on a phone's width the page does not scroll sideways;
// - with JavaScript off, the map and the table of the sites are there.
// Prints one line per check; exit 1 if any failed.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const file = path.resolve(process.argv[2]);
const url = 'file://' + file;
const failures = [];
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures.push(what);
}

async function open(browser, js) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const refused = [];
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    refused.push(route.request().url());
    return route.abort();
  });
  await page.goto(url);
  return { context, page, refused };
}

async function tooltip(page) {
  return page.evaluate(() => {
    const t = document.getElementById('hm-tip');
    return { shown: !t.hidden && t.offsetWidth > 0, text: t.textContent };
  });
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const { context, page, refused } = await open(browser, true);
    check(refused.length === 0, 'no request beyond the page itself (' + refused.join(' ') + ')');

    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return { violations: r.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.length + ')'), passes: r.passes.length };
    });
    check(axe.violations.length === 0, 'axe-core, WCAG 2.1 A/AA: ' + axe.passes + ' rules pass, violations: ' + (axe.violations.join('; ') || 'none'));

    const circles = await page.$$eval('circle[data-value]', (cs) => cs.map((c) => ({ name: c.getAttribute('data-name'), value: +c.getAttribute('data-value') })));
    check(circles.length > 0, circles.length + ' symbols');
    const largest = circles.reduce((a, b) => (b.value > a.value ? b : a), circles[0]);

    // the mouse on a symbol's centre that no other symbol covers
    const spot = await page.evaluate(() => {
      for (const c of document.querySelectorAll('circle[data-value]')) {
        c.scrollIntoView({ block: 'center', inline: 'center' });
        const r = c.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (document.elementFromPoint(x, y) === c) return { x, y, name: c.getAttribute('data-name') };
      }
      return null;
    });
    check(spot !== null, 'a symbol the mouse can reach');
    if (spot === null) throw new Error('no symbol to hover');
    await page.mouse.move(spot.x, spot.y);
    let tip = await tooltip(page);
    check(tip.shown && tip.text.includes(spot.name), 'hover "' + spot.name + '": tooltip "' + tip.text + '"');
    await page.mouse.move(0, 0);
    tip = await tooltip(page);
    check(!tip.shown, 'the tooltip goes when the mouse leaves');

    // Tab from the top until a symbol has the focus, then on through the symbols
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    const reached = [];
    for (let k = 0; k < 40 && reached.length < Math.min(3, circles.length); k++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const a = document.activeElement;
        return a && a.tagName === 'circle' ? { name: a.getAttribute('data-name'), value: +a.getAttribute('data-value') } : null;
      });
      if (!f) {
        if (reached.length) break;
        continue;
      }
      tip = await tooltip(page);
      check(tip.shown && tip.text.includes(f.name), 'Tab to "' + f.name + '": tooltip "' + tip.text + '"');
      reached.push(f);
    }
    check(reached.length > 0 && reached[0].name === largest.name, 'the first symbol Tab reaches is the largest (' + (reached[0] && reached[0].name) + ')');
    check(reached.every((f, i) => i === 0 || f.value <= reached[i - 1].value), 'Tab goes through the symbols largest first');
    await page.keyboard.press('Escape');
    tip = await tooltip(page);
    check(!tip.shown, 'Escape hides the tooltip');
    await page.keyboard.press('Enter');
    tip = await tooltip(page);
    check(tip.shown, 'Enter shows it again');
    await context.close();

    // a phone: the page does not scroll sideways (the table scrolls in its box)
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const pp = await phone.newPage();
    await pp.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await pp.goto(url);
    await pp.click('summary');
    const wide = await pp.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, 'a phone 390 px wide: the page is ' + wide + ' px wide');
    await phone.close();

    const off = await open(browser, false);
    const still = await off.page.evaluate(() => ({
      svg: document.querySelectorAll('svg circle[data-value]').length,
      titles: document.querySelectorAll('svg circle[data-value] title').length,
      rows: document.querySelectorAll('details table tbody tr').length,
    }));
    check(still.svg === circles.length && still.titles === circles.length, 'JavaScript off: the map with its ' + still.svg + ' symbols and their titles');
    check(still.rows > 0, 'JavaScript off: the table of ' + still.rows + ' sites');
    await off.context.close();
  } finally {
    await browser.close();
  }
  process.exit(failures.length ? 1 : 0);
})().catch((e) => {
  console.log('FAIL ' + e.stack);
  process.exit(1);
});
