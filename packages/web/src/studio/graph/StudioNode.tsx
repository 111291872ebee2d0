import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { portColor, type StudioFlowNode } from '../logic/graphView';

function lockText(lock: NonNullable<StudioFlowNode['data']['lock']>): string {
  if (lock.mine)
    return lock.kind === 'hard'
      ? 'Locked by you'
      : lock.kind === 'region'
        ? 'In your region'
        : 'You are editing';
  if (lock.kind === 'hard') return `Locked by ${lock.name}`;
  if (lock.kind === 'region') return `In ${lock.name}’s region`;
  return `Being edited by ${lock.name}`;
}

/** A graph node: title, typed ports (handles coloured by type), and who holds it. */
export const StudioNode = memo(function StudioNode({ data, selected }: NodeProps<StudioFlowNode>) {
  const { node, lock, comments } = data;
  const blocked = lock !== null && !lock.mine;
  return (
    <div
      className={`st-node${selected ? ' is-selected' : ''}${blocked ? ' is-blocked' : ''}`}
      data-testid="graph-node"
      data-node-id={node.id}
      data-locked-by={blocked ? lock.name : undefined}
      style={lock?.color ? { borderColor: lock.color, boxShadow: `0 0 0 2px ${lock.color}55` } : undefined}
    >
      <div className="st-node-title">
        <span data-testid="node-title">{node.title}</span>
        {comments > 0 && (
          <span className="st-node-comments" title={`${comments} comment${comments === 1 ? '' : 's'}`}>
            💬 {comments}
          </span>
        )}
      </div>
      {lock && (
        <div
          className="st-node-lock"
          data-testid="node-lock"
          style={lock.color ? { background: lock.color } : undefined}
        >
          {lockText(lock)}
        </div>
      )}
      <div className="st-node-ports">
        <ul className="st-ports st-ports-in">
          {node.inputs.map((p) => (
            <li key={p.id} className="st-port" title={`${p.name}: ${p.type}`}>
              <Handle
                type="target"
                position={Position.Left}
                id={p.id}
                style={{ background: portColor(p.type) }}
              />
              <span>{p.name}</span>
            </li>
          ))}
        </ul>
        <ul className="st-ports st-ports-out">
          {node.outputs.map((p) => (
            <li key={p.id} className="st-port" title={`${p.name}: ${p.type}`}>
              <span>{p.name}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={p.id}
                style={{ background: portColor(p.type) }}
              />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
});

export const nodeTypes = { studio: StudioNode };
