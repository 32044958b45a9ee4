import type { ReactNode } from 'react';
import { ModeSwitches } from './mode-switches';

export interface ScreenFrameProps {
  /** Usually a StepHeader. */
  header?: ReactNode;
  children: ReactNode;
  /** The step's actions: under the content in portrait, in a column beside it in landscape. */
  actions?: ReactNode;
  /** Shown over the screen (the idle warning): what is under it cannot be tapped or read out meanwhile. */
  overlay?: ReactNode;
}

/**
 * The layout every screen shares, with the mode and language switches always in reach, even over
 * the idle warning (a citizen may need the other language to read it).
 */
export function ScreenFrame({ header, children, actions, overlay }: ScreenFrameProps) {
  const covered = overlay ? true : undefined;
  return (
    <div className={`ui-screen${actions ? ' has-actions' : ''}`}>
      {header && (
        <div className="ui-screen-header" inert={covered}>
          {header}
        </div>
      )}
      <main className="ui-screen-main" inert={covered}>
        {children}
      </main>
      {actions && (
        <div className="ui-screen-actions" inert={covered}>
          {actions}
        </div>
      )}
      <footer className="ui-screen-footer">
        <ModeSwitches />
      </footer>
      {overlay}
    </div>
  );
}
