import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { ConsolePanel } from '../../../web/src/studio/panels/ConsolePanel';
import { InspectorPanel } from '../../../web/src/studio/panels/InspectorPanel';
import { ScenePanel } from '../../../web/src/studio/panels/ScenePanel';
import { TimelinePanel } from '../../../web/src/studio/panels/TimelinePanel';
import { StudioFrame } from './StudioFrame';

interface StudioArgs {
  /** The Studio room (`studio:<room>`); shared between viewers like any arg. */
  room: string;
}

/** Each viewer joins the Studio room under their Storybook name (the `ensembleUser` global). */
const inStudioRoom: Decorator<StudioArgs> = (Story, context) => (
  <StudioFrame room={context.args.room} viewer={String(context.globals.ensembleUser || 'Storybook viewer')}>
    <Story />
  </StudioFrame>
);

/**
 * The Studio's panels, live: the panel edits the shared Studio room, and the story's args, cursors and
 * chat are shared through the Storybook addon. Needs a dev-mode Ensemble server behind the same origin.
 */
const meta = {
  title: 'Studio/Panels',
  args: { room: 'storybook' },
  argTypes: { room: { control: 'text' } },
  decorators: [inStudioRoom],
  parameters: { layout: 'padded' },
} satisfies Meta<StudioArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Console: Story = { render: () => <ConsolePanel /> };
export const Timeline: Story = { render: () => <TimelinePanel /> };
export const SceneAndInspector: Story = {
  name: 'Scene + inspector',
  render: () => (
    <div style={{ display: 'grid', gap: 12 }}>
      <ScenePanel />
      <InspectorPanel />
    </div>
  ),
};
