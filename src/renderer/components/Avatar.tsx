// A profile picture, or the name's initials on a coloured disc when there is none.
export interface AvatarProps {
  readonly name: string;
  readonly image: string | null;
  readonly size: 'small' | 'large';
  /** Text for the picture; empty when the name is already shown next to it. */
  readonly alt?: string;
  readonly testId?: string;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return letters
    .map((w) => (w ? Array.from(w)[0] : ''))
    .join('')
    .toUpperCase();
}

export function Avatar({ name, image, size, alt = '', testId }: AvatarProps) {
  const className = `avatar avatar--${size}`;
  if (image) {
    return <img className={className} src={image} alt={alt} data-testid={testId} />;
  }
  return (
    <span
      className={`${className} avatar--initials`}
      role={alt ? 'img' : undefined}
      aria-label={alt || undefined}
      aria-hidden={alt ? undefined : true}
      data-testid={testId}
    >
      {initials(name) || '?'}
    </span>
  );
}
