import type * as Y from 'yjs';
import type { Room } from '../client.js';
import { Emitter } from '../emitter.js';
import { DEFAULT_RATES, type Throttled, throttle } from '../throttle.js';
import { readConsole, readSelection, readTimeline } from './attributed.js';
import { GraphModel } from './graph.js';
import { InspectorModel } from './inspector.js';
import { SceneModel } from './scene.js';
import { generateShaderCode, replaceText } from './shader.js';
import {
  CONSOLE_ROOT,
  GRAPH_ROOT,
  INSPECTOR_ROOT,
  type LogLevel,
  type LogLine,
  SCENE_ROOT,
  SELECTION_ROOT,
  type Selection,
  SHADER_CODE_ROOT,
  SHADER_GRAPH_ROOT,
  TIMELINE_ROOT,
  type TimelineState,
} from './shapes.js';

/** The room service that writes attributed Studio state (packages/server/src/services/studio). */
export const STUDIO_SERVICE = 'studio';

export interface StudioOptions {
  /** Graph drags and timeline scrubs in Hz (defaults 10 and 20, from `DEFAULT_RATES`). */
  rates?: Partial<Pick<typeof DEFAULT_RATES, 'graph' | 'timeline'>>;
}

interface StudioEvents extends Record<string, unknown> {
  /** A throttled call (scrub) the server refused or could not receive. */
  error: Error;
}

/**
 * Typed access to a Studio room's shared state. Graph, scene, inspector and shader code are plain
 * document edits (they queue offline). Selection, timeline and console carry who did it, so they go
 * through the server's `studio` service, which stamps the authenticated caller: a client cannot
 * claim to be someone else.
 *
 * @example
 * const studio = createStudio(room);
 * studio.graph.addNode({ type: 'print', x: 0, y: 0 });
 * await studio.select('cube');             // everyone sees "selected by Ana"
 * studio.scrub(2.5);                        // ≤ 20 Hz; the last position always arrives
 */
export class Studio {
  readonly graph: GraphModel;
  readonly shaderGraph: GraphModel;
  readonly scene: SceneModel;
  readonly inspector: InspectorModel;
  readonly events = new Emitter<StudioEvents>();
  private readonly rates: { graph: number; timeline: number };
  private readonly drags = new Map<string, Throttled<[number, number]>>();
  private readonly scrubber: Throttled<[number]>;

  constructor(
    readonly room: Room,
    options: StudioOptions = {},
  ) {
    const docOf = () => room.doc;
    this.graph = new GraphModel(docOf, GRAPH_ROOT);
    this.shaderGraph = new GraphModel(docOf, SHADER_GRAPH_ROOT);
    this.scene = new SceneModel(docOf, SCENE_ROOT);
    this.inspector = new InspectorModel(docOf, INSPECTOR_ROOT);
    this.rates = {
      graph: options.rates?.graph ?? DEFAULT_RATES.graph,
      timeline: options.rates?.timeline ?? DEFAULT_RATES.timeline,
    };
    this.scrubber = throttle((time: number) => {
      this.call('scrub', { time }).catch((error: Error) => this.events.emit('error', error));
    }, this.rates.timeline);
  }

  /** The shader's source code (bind it to an editor with y-codemirror.next). */
  shaderCode(): Y.Text {
    return this.room.doc.getText(SHADER_CODE_ROOT);
  }

  /** Rewrites the shader code from the shader graph, changing only the lines that differ. */
  regenerateShader(): boolean {
    return replaceText(this.shaderCode(), generateShaderCode(this.shaderGraph.snapshot()));
  }

  /**
   * Streams a node drag at the graph rate (≤ 10 Hz by default). Call {@link endDrag} on release so
   * the final position is written exactly.
   */
  drag(graph: GraphModel, id: string, x: number, y: number): void {
    const key = `${graph.root}\u0000${id}`;
    let send = this.drags.get(key);
    if (!send) {
      send = throttle((nx: number, ny: number) => graph.moveNode(id, nx, ny), this.rates.graph);
      this.drags.set(key, send);
    }
    send(x, y);
  }

  endDrag(graph: GraphModel, id: string, x: number, y: number): void {
    const key = `${graph.root}\u0000${id}`;
    this.drags.get(key)?.cancel();
    this.drags.delete(key);
    graph.moveNode(id, x, y);
  }

  selection(): Selection | null {
    return readSelection(this.room.doc.getMap(SELECTION_ROOT));
  }

  /** Makes `objectId` (or nothing) the room's selection, attributed to me by the server. */
  select(objectId: string | null): Promise<Selection> {
    return this.call<Selection>('select', { objectId });
  }

  timeline(): TimelineState {
    return readTimeline(this.room.doc.getMap(TIMELINE_ROOT));
  }

  /** Moves the shared playhead, throttled to the timeline rate; refusals arrive on `events.error`. */
  scrub(time: number): void {
    this.scrubber(time);
  }

  /** Sends a pending scrub now (pointer released). */
  flushScrub(): void {
    this.scrubber.flush();
  }

  /** Starts or stops playback from `time`. */
  setPlaying(playing: boolean, time: number): Promise<TimelineState> {
    this.scrubber.cancel();
    return this.call<TimelineState>('scrub', { time, playing });
  }

  consoleLines(): LogLine[] {
    return readConsole(this.room.doc.getArray(CONSOLE_ROOT));
  }

  log(level: LogLevel, text: string): Promise<LogLine> {
    return this.call<LogLine>('log', { level, text });
  }

  clearConsole(): Promise<{ cleared: number }> {
    return this.call('clear', {});
  }

  /** Who is connected to the room right now, one entry per user. */
  members(): Promise<{ userId: string; name: string; connections: number }[]> {
    return this.call<{ members: { userId: string; name: string; connections: number }[] }>(
      'members',
      {},
    ).then((r) => r.members);
  }

  /** Stops pending throttled writes (the component using the studio unmounted). */
  destroy(): void {
    for (const send of this.drags.values()) send.flush();
    this.drags.clear();
    this.scrubber.cancel();
    this.events.clear();
  }

  private call<T>(method: string, params: unknown): Promise<T> {
    return this.room.connection.request<T>(STUDIO_SERVICE, method, params);
  }
}

export function createStudio(room: Room, options?: StudioOptions): Studio {
  return new Studio(room, options);
}
