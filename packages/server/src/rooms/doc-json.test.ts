import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToJson } from './doc-json.js';

describe('docToJson', () => {
  it('infers root kinds of a document received as an update', () => {
    const source = new Y.Doc();
    source.getText('code').insert(0, 'let x = 1');
    source.getMap('graph').set('node:1', { x: 1 });
    source.getArray('log').push(['a', 2]);
    const received = new Y.Doc();
    Y.applyUpdate(received, Y.encodeStateAsUpdate(source));
    expect(docToJson(received)).toEqual({ code: 'let x = 1', graph: { 'node:1': { x: 1 } }, log: ['a', 2] });
  });
});
