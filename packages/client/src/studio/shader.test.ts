import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { GraphModel } from './graph.js';
import { generateShaderCode, replaceText, shaderNode } from './shader.js';

describe('shader graph', () => {
  it('generates GLSL for the nodes feeding the output, in dependency order', () => {
    const doc = new Y.Doc();
    const g = new GraphModel(() => doc, 'shader.graph');
    g.seed(
      'Pulse',
      [
        shaderNode('time', 0, 0, 't'),
        shaderNode('sin', 0, 0, 's'),
        shaderNode('color', 0, 0, 'c1'),
        shaderNode('color', 0, 0, 'c2'),
        shaderNode('mix', 0, 0, 'm'),
        shaderNode('output', 0, 0, 'out'),
        shaderNode('uv', 0, 0, 'unused'),
      ],
      [
        { from: { node: 't', port: 't' }, to: { node: 's', port: 'x' } },
        { from: { node: 'c1', port: 'rgb' }, to: { node: 'm', port: 'a' } },
        { from: { node: 'c2', port: 'rgb' }, to: { node: 'm', port: 'b' } },
        { from: { node: 's', port: 'y' }, to: { node: 'm', port: 't' } },
        { from: { node: 'm', port: 'out' }, to: { node: 'out', port: 'color' } },
      ],
    );
    g.setProp('c2', 'value', '#0000ff');
    const code = generateShaderCode(g.snapshot());
    expect(code).toContain('// Generated from the shader graph "Pulse".');
    const body = code.slice(code.indexOf('void main() {'));
    expect(body).toContain('float n_t_t = u_time;');
    expect(body).toContain('float n_s_y = sin(n_t_t);');
    expect(body).toContain('vec3 n_c2_rgb = vec3(0.000, 0.000, 1.000);');
    expect(body).toContain('vec3 n_m_out = mix(n_c1_rgb, n_c2_rgb, n_s_y);');
    expect(body).toContain('gl_FragColor = vec4(n_m_out, 1.0);');
    expect(body.indexOf('n_t_t =')).toBeLessThan(body.indexOf('n_s_y ='));
    expect(body).not.toContain('n_unused');
    // Deterministic: the same graph gives the same text.
    expect(generateShaderCode(g.snapshot())).toBe(code);
  });

  it('uses zero for unwired inputs and says when there is no output', () => {
    const doc = new Y.Doc();
    const g = new GraphModel(() => doc, 'shader.graph');
    expect(generateShaderCode(g.snapshot())).toContain('Add a "Fragment output" node');
    g.addNode(shaderNode('output', 0, 0, 'o'));
    expect(generateShaderCode(g.snapshot())).toContain('gl_FragColor = vec4(vec3(0.0), 1.0);');
  });

  it('replaceText changes only the differing span', () => {
    const doc = new Y.Doc();
    const text = doc.getText('code');
    text.insert(0, 'float a = 1.0;\nfloat b = 2.0;\n');
    const kept = Y.createRelativePositionFromTypeIndex(text, 27); // inside the second line
    const deltas: unknown[] = [];
    text.observe((e) => deltas.push(e.delta));
    expect(replaceText(text, 'float a = 5.0;\nfloat b = 2.0;\n')).toBe(true);
    expect(text.toString()).toBe('float a = 5.0;\nfloat b = 2.0;\n');
    expect(deltas).toEqual([[{ retain: 10 }, { delete: 1 }, { insert: '5' }]]);
    expect(Y.createAbsolutePositionFromRelativePosition(kept, doc)?.index).toBe(27);
    expect(replaceText(text, text.toString())).toBe(false);
  });
});
