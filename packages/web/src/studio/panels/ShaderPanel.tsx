import { SHADER_NODE_TYPES, shaderNode } from '@ensemble/client/studio';
import { useCallback } from 'react';
import { LiveGraph } from '../graph/LiveGraph';
import { useStudio } from '../StudioContext';
import { CodeEditor } from './CodeEditor';

/** The shader node graph and its generated GLSL, edited together with remote carets. */
export function ShaderPanel() {
  const { studio, noteEdit } = useStudio();
  const regenerate = useCallback(() => {
    studio.regenerateShader();
  }, [studio]);
  return (
    <div className="st-shader">
      <LiveGraph
        label="Shader graph"
        graph={studio.shaderGraph}
        palette={SHADER_NODE_TYPES}
        makeNode={shaderNode}
        resourcePrefix="shader-node:"
        onStructureEdited={regenerate}
      />
      <div className="st-shader-code">
        <div className="st-toolbar">
          <button
            type="button"
            className="button"
            onClick={() => {
              regenerate();
              noteEdit();
            }}
          >
            Regenerate from graph
          </button>
        </div>
        <CodeEditor />
      </div>
    </div>
  );
}
