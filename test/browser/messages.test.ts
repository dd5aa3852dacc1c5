/** Message bars in a narrow pane use its width (their text is not squeezed into half of it). */
import { browserSuite, openPane, screenshot } from './harness';

const suite = browserSuite({ strict: true });

test.each([320, 360])('%i px: the message after Create portfolio spans the pane, its text all but the icon and the close button', async (width) => {
  suite.pane = await openPane(suite.browser, suite.url, { width, height: 700 });
  const { page } = suite.pane;
  await page.getByTestId('create-portfolio').click();
  const bar = page.getByTestId('message-created');
  await bar.waitFor();
  const sizes = await bar.evaluate((el) => {
    const main = el.closest('main')!.getBoundingClientRect();
    const body = el.querySelector('.fui-MessageBarBody')!.getBoundingClientRect();
    return { main: main.width, bar: el.getBoundingClientRect().width, body: body.width };
  });
  expect(sizes.bar).toBeGreaterThanOrEqual(sizes.main - 1);
  // The text gets all of the bar but its icon (28 px), the small × (at most 48 px) and the padding:
  // before, a 64 px-minimum button left it 170 of 288 px at 320 px.
  expect(sizes.body).toBeGreaterThanOrEqual(sizes.bar - 90);
  await screenshot(page, `message-${width}`);
});
