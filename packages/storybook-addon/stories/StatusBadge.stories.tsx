import type { Meta, StoryObj } from '@storybook/react-vite';
import { StatusBadge } from './components/StatusBadge.js';

const meta = {
  title: 'Demo/Status badge',
  component: StatusBadge,
  args: { name: 'Ada', status: 'editing', unread: 2 },
  argTypes: {
    name: { control: 'text' },
    status: { control: 'inline-radio', options: ['editing', 'idle', 'running', 'away'] },
    unread: { control: { type: 'number', min: 0, max: 99 } },
  },
} satisfies Meta<typeof StatusBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Editing: Story = {};
export const Away: Story = { args: { status: 'away', unread: 0 } };
