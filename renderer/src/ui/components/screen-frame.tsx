import type { ReactNode } from 'react';
import { ModeSwitches } from './mode-switches';

export interface ScreenFrameProps {
  /** Usually a StepHeader. */
  header?: ReactNode;
  children: ReactNode;
  /** The step's actions: under the content in portrait, in a column beside it in landscape. */
  actions?: ReactNode;
  /** Shown over the screen (the idle warning). */
  overlay?: ReactNode;
}

/** The layout every screen shares, with the mode and language switches always in reach. */
export function ScreenFrame({ header, children, actions, overlay }: ScreenFrameProps) {
  return (
    <div className={`ui-screen${actions ? ' has-actions' : ''}`}>
      {header && <div className="ui-screen-header">{header}</div>}
      <main className="ui-screen-main">{children}</main>
      {actions && <div className="ui-screen-actions">{actions}</div>}
      <footer className="ui-screen-footer">
        <ModeSwitches />
      </footer>
      {overlay}
    </div>
  );
}
