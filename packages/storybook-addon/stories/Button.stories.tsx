import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { Button } from './components/Button.js';

/**
 * Open this story in two browsers: change a control in one and watch the other follow; move the
 * pointer over the canvas to show your cursor. The `onClick` action is never shared.
 */
const meta = {
  title: 'Demo/Button',
  component: Button,
  args: { label: 'Button', primary: false, size: 'medium', onClick: fn() },
  argTypes: {
    label: { control: 'text' },
    primary: { control: 'boolean' },
    size: { control: 'select', options: ['small', 'medium', 'large'] },
    backgroundColor: { control: 'color' },
  },
} satisfies Meta<typeof Button>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Primary: Story = { args: { primary: true, label: 'Publish' } };
export const Secondary: Story = { args: { label: 'Cancel' } };
export const Solo: Story = {
  args: { label: 'Not shared' },
  parameters: { ensemble: { disable: true } },
};
