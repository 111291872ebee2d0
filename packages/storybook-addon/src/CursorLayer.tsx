import type { Room } from '@ensemble/client';
import { useOthers } from '@ensemble/client/react';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { type StoryBinding, type StoryPresence, validCursor } from './story-binding.js';

/** Cursors are relative to the story's root, so centred stories line up across window sizes. */
function storyRoot(): HTMLElement {
  return document.getElementById('storybook-root') ?? document.body;
}

/** Reports my pointer over the canvas to the room (throttled by the client to its cursor rate). */
function usePointerTracking(binding: StoryBinding): void {
  useEffect(() => {
    const onMove = (event: PointerEvent) => {
      const rect = storyRoot().getBoundingClientRect();
      binding.setCursor({
        x: Math.round(event.clientX - rect.left),
        y: Math.round(event.clientY - rect.top),
      });
    };
    const onLeave = () => binding.setCursor(null);
    window.addEventListener('pointermove', onMove, { passive: true });
    document.documentElement.addEventListener('pointerleave', onLeave);
    window.addEventListener('blur', onLeave);
    return () => {
      window.removeEventListener('pointermove', onMove);
      document.documentElement.removeEventListener('pointerleave', onLeave);
      window.removeEventListener('blur', onLeave);
    };
  }, [binding]);
}

/** Re-render on scroll/resize so cursors stay attached to the story root. */
function useViewportVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    window.addEventListener('resize', bump);
    window.addEventListener('scroll', bump, true);
    return () => {
      window.removeEventListener('resize', bump);
      window.removeEventListener('scroll', bump, true);
    };
  }, []);
  return version;
}

/** Draws no more than this many cursors; the rest are counted in a corner badge. */
export const MAX_CURSORS = 16;

/** Others' cursors with name and colour, drawn over the canvas (never intercepting the pointer). */
export function CursorLayer({ room, binding }: { room: Room; binding: StoryBinding }) {
  usePointerTracking(binding);
  useViewportVersion();
  const others = useOthers(room);
  const rect = storyRoot().getBoundingClientRect();
  const pointing = others.flatMap((other) => {
    const presence = other.presence as StoryPresence;
    const cursor = validCursor(presence.cursor);
    return cursor ? [{ clientId: other.clientId, presence, cursor }] : [];
  });
  const shown = pointing.slice(0, MAX_CURSORS);
  const hidden = pointing.length - shown.length;
  return createPortal(
    <div
      data-testid="ensemble-cursors"
      aria-hidden="true"
      style={{ position: 'fixed', inset: 0, pointerEvents: 'none', zIndex: 2147483000, overflow: 'hidden' }}
    >
      {shown.map(({ clientId, presence, cursor }) => {
        const color = presence.user?.color ?? '#888888';
        const name = presence.user?.name ?? 'Guest';
        return (
          <div
            key={clientId}
            data-testid="ensemble-cursor"
            data-name={name}
            style={{
              position: 'absolute',
              left: 0,
              top: 0,
              transform: `translate(${rect.left + cursor.x}px, ${rect.top + cursor.y}px)`,
              transition: 'transform 40ms linear',
            }}
          >
            <svg width="16" height="16" viewBox="0 0 16 16" style={{ display: 'block' }} aria-hidden="true">
              <path d="M1 1 L1 13 L4.5 9.5 L7 15 L9 14 L6.5 8.5 L11.5 8.5 Z" fill={color} stroke="#fff" />
            </svg>
            <span
              style={{
                position: 'absolute',
                left: 14,
                top: 12,
                padding: '1px 6px',
                borderRadius: 4,
                background: color,
                color: '#fff',
                font: '600 11px/16px system-ui, sans-serif',
                whiteSpace: 'nowrap',
              }}
            >
              {name}
            </span>
          </div>
        );
      })}
      {hidden > 0 ? (
        <div
          data-testid="ensemble-cursors-more"
          style={{
            position: 'absolute',
            right: 8,
            bottom: 8,
            padding: '2px 8px',
            borderRadius: 10,
            background: '#333',
            color: '#fff',
            font: '11px system-ui, sans-serif',
          }}
        >
          +{hidden} more
        </div>
      ) : null}
    </div>,
    document.body,
  );
}
