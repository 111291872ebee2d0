import type { Decorator } from '@storybook/react-vite';
import { USER_GLOBAL } from './channel.js';
import type { EnsembleParameters } from './config.js';
import { EnsembleStory } from './EnsembleStory.js';

/**
 * Makes a story multiplayer (story view only; docs pages render stories as they are). Configure it
 * with `parameters.ensemble` (see `EnsembleParameters`); the viewer's name is the `ensembleUser` global.
 */
export const withEnsemble: Decorator = (Story, context) => {
  if (context.viewMode !== 'story') return <Story />;
  return (
    <EnsembleStory
      storyId={context.id}
      args={context.args}
      parameters={context.parameters.ensemble as EnsembleParameters | undefined}
      userGlobal={context.globals[USER_GLOBAL]}
    >
      <Story />
    </EnsembleStory>
  );
};

// Preview annotations, picked up by Storybook when the addon is registered through its preset.
export const decorators = [withEnsemble];
export const initialGlobals = { [USER_GLOBAL]: '' };
export const globalTypes = {
  [USER_GLOBAL]: { description: 'Your name in multiplayer stories (Ensemble)' },
};
