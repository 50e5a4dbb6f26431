/**
 * Every menu, choice and confirmation goes through here (@inquirer/prompts, loaded only when a prompt is shown,
 * only in a terminal). Ctrl-C or Esc in a prompt is a normal way out: main turns it into exit 130.
 */
export async function confirmSpoiler(message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false });
}
