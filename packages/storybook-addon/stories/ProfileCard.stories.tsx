import type { Meta, StoryObj } from '@storybook/react-vite';
import { ProfileCard } from './components/ProfileCard.js';

const meta = {
  title: 'Demo/Profile card',
  component: ProfileCard,
  args: { name: 'Grace', role: 'Shader wrangler', color: '#6e56cf', online: true, skills: ['GLSL', 'Yjs'] },
  argTypes: {
    name: { control: 'text' },
    role: { control: 'text' },
    color: { control: 'color' },
    online: { control: 'boolean' },
    skills: { control: 'object' },
  },
} satisfies Meta<typeof ProfileCard>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
