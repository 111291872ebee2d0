import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  parameters: {
    layout: 'centered',
    controls: { expanded: true },
    // Multiplayer settings for every story (the decorator comes from the addon's preset).
    ensemble: {},
  },
};

export default preview;
