import { LiveGraph } from '../graph/LiveGraph';
import { BLUEPRINT_NODE_TYPES, blueprintNode } from '../logic/seed';
import { useStudio } from '../StudioContext';

export function BlueprintPanel({
  comments,
  onNodeSelected,
}: {
  comments?: ReadonlyMap<string, number>;
  onNodeSelected?: (id: string | null) => void;
}) {
  const { studio } = useStudio();
  return (
    <LiveGraph
      label="Blueprint graph"
      graph={studio.graph}
      palette={BLUEPRINT_NODE_TYPES}
      makeNode={blueprintNode}
      resourcePrefix="node:"
      comments={comments}
      onNodeSelected={onNodeSelected}
    />
  );
}
