/**
 * The fake's Workbook.customXmlParts (ExcelApi 1.5), against what Microsoft's reference says:
 * queued commands, values after sync, null objects, ItemNotFound, add / setXml / delete.
 */
import { fakeExcel } from '../../src/excel/fake/api';
import { WorkbookModel } from '../../src/excel/fake/model';

const NS = 'http://schemas.contoso.com/review/1.0';
const xmlOf = (who: string, ns = NS) => `<Reviewers xmlns='${ns}'><Reviewer>${who}</Reviewer></Reviewers>`;

function workbook(...xmls: string[]) {
  const model = new WorkbookModel();
  model.addSheet('Sheet1');
  const parts = xmls.map((xml) => model.addCustomXmlPart(xml));
  const excel = fakeExcel(model);
  return { model, parts, run: excel.run };
}

describe('add, and what a sync brings back', () => {
  test('add(xml): the ID and the XML are there after sync, not before; namespaceUri is the root element’s', async () => {
    const { model, run } = workbook();
    await run(async (ctx) => {
      const part = ctx.workbook.customXmlParts.add(xmlOf('Juan'));
      part.load('id,namespaceUri');
      const xml = part.getXml();
      expect(() => xml.value).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(() => part.id).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(model.customXmlParts).toHaveLength(0); // queued, not run
      await ctx.sync();
      expect(xml.value).toBe(xmlOf('Juan'));
      expect(part.id).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
      expect(part.namespaceUri).toBe(NS);
    });
    expect(model.customXmlParts.map((p) => p.namespaceUri)).toEqual([NS]);
  });

  test('no xmlns on the root: namespaceUri is empty; a prefixed root is in its prefix’s namespace', async () => {
    const { model, run } = workbook();
    await run(async (ctx) => {
      ctx.workbook.customXmlParts.add('<Reviewers><Reviewer>Hong</Reviewer></Reviewers>');
      ctx.workbook.customXmlParts.add(`<r:Reviewers xmlns:r="${NS}"/>`);
      await ctx.sync();
    });
    expect(model.customXmlParts.map((p) => p.namespaceUri)).toEqual(['', NS]);
  });

  test('XML that is not well-formed fails the batch (InvalidArgument); what was queued before it ran, what came after did not', async () => {
    const { model, run } = workbook();
    const result = run(async (ctx) => {
      ctx.workbook.customXmlParts.add(xmlOf('Juan'));
      ctx.workbook.customXmlParts.add('<Reviewers xmlns="urn:x"><Reviewer>');
      ctx.workbook.customXmlParts.add(xmlOf('Sally'));
      await ctx.sync();
    });
    await expect(result).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(model.customXmlParts.map((p) => p.xml)).toEqual([xmlOf('Juan')]);
  });
});

describe('getByNamespace(…).getOnlyItemOrNullObject()', () => {
  async function only(xmls: string[]) {
    const { run } = workbook(...xmls, xmlOf('other', 'urn:other'));
    return run(async (ctx) => {
      const scoped = ctx.workbook.customXmlParts.getByNamespace(NS);
      const count = scoped.getCount();
      const part = scoped.getOnlyItemOrNullObject();
      const xml = part.getXml();
      expect(() => part.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      return { count: count.value, isNull: part.isNullObject, xml: xml.value };
    });
  }

  test('none in the namespace: a null object (never the JavaScript null), isNullObject loaded by sync', async () => {
    expect(await only([])).toEqual({ count: 0, isNull: true, xml: null });
  });

  test('exactly one: that part, its XML', async () => {
    expect(await only([xmlOf('Juan')])).toEqual({ count: 1, isNull: false, xml: xmlOf('Juan') });
  });

  test('two: a null object again; only getCount tells it from none', async () => {
    expect(await only([xmlOf('Juan'), xmlOf('Hong')])).toEqual({ count: 2, isNull: true, xml: null });
  });

  test('getOnlyItem() with none or two fails the batch; with one it is the part', async () => {
    for (const [xmls, ok] of [[[], false], [[xmlOf('Juan'), xmlOf('Hong')], false], [[xmlOf('Juan')], true]] as const) {
      const { run } = workbook(...xmls);
      const result = run(async (ctx) => {
        const xml = ctx.workbook.customXmlParts.getByNamespace(NS).getOnlyItem().getXml();
        await ctx.sync();
        return xml.value;
      });
      if (ok) await expect(result).resolves.toBe(xmlOf('Juan'));
      else await expect(result).rejects.toMatchObject({ code: 'ItemNotFound' });
    }
  });

  test('the scope is the namespace when each command runs: a part added earlier in the batch counts', async () => {
    const { run } = workbook();
    const counts = await run(async (ctx) => {
      const scoped = ctx.workbook.customXmlParts.getByNamespace(NS);
      const before = scoped.getCount();
      ctx.workbook.customXmlParts.add(xmlOf('Juan'));
      const after = scoped.getCount();
      const part = scoped.getOnlyItemOrNullObject();
      await ctx.sync();
      return [before.value, after.value, part.isNullObject];
    });
    expect(counts).toEqual([0, 1, false]);
  });
});

describe('setXml, delete, getItem by ID, items', () => {
  test('setXml replaces the whole XML; a getXml later in the same batch sees it; the namespace follows the new root', async () => {
    const { model, parts, run } = workbook(xmlOf('Juan'));
    await run(async (ctx) => {
      const part = ctx.workbook.customXmlParts.getItem(parts[0].id);
      part.setXml(xmlOf('John', 'urn:moved'));
      const xml = part.getXml();
      await ctx.sync();
      expect(xml.value).toBe(xmlOf('John', 'urn:moved'));
    });
    expect(model.customXmlParts).toEqual([{ id: parts[0].id, xml: xmlOf('John', 'urn:moved'), namespaceUri: 'urn:moved' }]);
    await expect(
      run(async (ctx) => {
        ctx.workbook.customXmlParts.getItem(parts[0].id).setXml('not xml');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(model.customXmlParts[0].xml).toBe(xmlOf('John', 'urn:moved'));
  });

  test('delete: the part is gone; getItemOrNullObject(id) is a null object, getItem(id) fails the batch', async () => {
    const { model, parts, run } = workbook(xmlOf('Juan'), xmlOf('Hong'));
    const id = parts[0].id;
    const isNull = await run(async (ctx) => {
      const part = ctx.workbook.customXmlParts.getItem(id);
      const before = part.getXml();
      part.delete();
      const again = ctx.workbook.customXmlParts.getItemOrNullObject(id);
      await ctx.sync();
      expect(before.value).toBe(xmlOf('Juan'));
      return again.isNullObject;
    });
    expect(isNull).toBe(true);
    expect(model.customXmlParts.map((p) => p.id)).toEqual([parts[1].id]);
    await expect(
      run(async (ctx) => {
        ctx.workbook.customXmlParts.getItem(id).getXml();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    await expect(
      run(async (ctx) => {
        ctx.workbook.customXmlParts.getItem(id).load('id');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('a scoped collection finds by ID only its own parts', async () => {
    const { parts, run } = workbook(xmlOf('Juan'), xmlOf('Hong', 'urn:other'));
    const isNull = await run(async (ctx) => {
      const scoped = ctx.workbook.customXmlParts.getByNamespace(NS);
      const mine = scoped.getItemOrNullObject(parts[0].id);
      const theirs = scoped.getItemOrNullObject(parts[1].id);
      await ctx.sync();
      return [mine.isNullObject, theirs.isNullObject];
    });
    expect(isNull).toEqual([false, true]);
  });

  test('items after load: the loaded properties only; each item takes further commands', async () => {
    const { model, parts, run } = workbook(xmlOf('Juan'), xmlOf('Hong'), xmlOf('other', 'urn:other'));
    await run(async (ctx) => {
      const scoped = ctx.workbook.customXmlParts.getByNamespace(NS);
      expect(() => scoped.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      scoped.load('items/id');
      await ctx.sync();
      expect(scoped.items.map((p) => p.id)).toEqual([parts[0].id, parts[1].id]);
      expect(() => scoped.items[0].namespaceUri).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      const xmls = scoped.items.map((p) => p.getXml());
      scoped.items[1].delete();
      const all = ctx.workbook.customXmlParts.load('items');
      await ctx.sync();
      expect(xmls.map((x) => x.value)).toEqual([xmlOf('Juan'), xmlOf('Hong')]);
      expect(all.items.map((p) => [p.id, p.namespaceUri])).toEqual([
        [parts[0].id, NS],
        [parts[2].id, 'urn:other'],
      ]);
    });
    expect(model.customXmlParts).toHaveLength(2);
  });

  test('load of an item property on the collection loads it for every item, as items/… does ("Load from a collection")', async () => {
    const { parts, run } = workbook(xmlOf('Juan'), xmlOf('other', 'urn:other'));
    await run(async (ctx) => {
      const all = ctx.workbook.customXmlParts.load('id');
      const scoped = ctx.workbook.customXmlParts.getByNamespace(NS).load(['id', 'namespaceUri']);
      await ctx.sync();
      expect(all.items.map((p) => p.id)).toEqual([parts[0].id, parts[1].id]);
      expect(() => all.items[0].namespaceUri).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(scoped.items.map((p) => [p.id, p.namespaceUri])).toEqual([[parts[0].id, NS]]);
    });
    // Not a property of a custom XML part: the fake says so.
    await expect(run(async (ctx) => {
      ctx.workbook.customXmlParts.load('name');
      await ctx.sync();
    })).rejects.toThrow(/not supported/);
  });

  test('the workbook’s getCount counts every part', async () => {
    const { run } = workbook(xmlOf('Juan'), xmlOf('other', 'urn:other'));
    const count = await run(async (ctx) => {
      const n = ctx.workbook.customXmlParts.getCount();
      await ctx.sync();
      return n.value;
    });
    expect(count).toBe(2);
  });
});
