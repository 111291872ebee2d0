import * as Y from 'yjs';

/**
 * A document's root types as plain JSON. Roots created by remote updates arrive untyped, so the kind
 * is inferred from the content: key/value entries → map; text content → text; XML → fragment; else array.
 */
export function docToJson(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, root] of typedRoots(doc)) out[name] = root.toJSON();
  return out;
}

export type TypedRoot = Y.Map<unknown> | Y.Text | Y.Array<unknown> | Y.XmlFragment;

/** Every root type of the document, with its kind inferred (sorted by name). */
export function typedRoots(doc: Y.Doc): Map<string, TypedRoot> {
  const out = new Map<string, TypedRoot>();
  for (const name of [...doc.share.keys()].sort())
    out.set(name, rootAsTyped(doc, name, doc.share.get(name)!));
  return out;
}

type RootType = ReturnType<Y.Doc['share']['get']> & object;

function rootAsTyped(doc: Y.Doc, name: string, root: RootType): TypedRoot {
  if (
    root instanceof Y.Map ||
    root instanceof Y.Text ||
    root instanceof Y.Array ||
    root instanceof Y.XmlFragment
  ) {
    return root;
  }
  if (root._map.size > 0 && root._start === null) return doc.getMap(name);
  let item = root._start;
  while (item?.deleted) item = item.right;
  if (!item) return root._map.size > 0 ? doc.getMap(name) : doc.getArray(name);
  const content = item.content;
  if (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentFormat ||
    content instanceof Y.ContentEmbed
  ) {
    return doc.getText(name);
  }
  if (
    content instanceof Y.ContentType &&
    (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)
  ) {
    return doc.getXmlFragment(name);
  }
  return doc.getArray(name);
}
