// What the public sees while a technician works on the terminal (vendor mode): 暂停服务, where to
// go instead, and nothing that can be tapped except the language switch.
import { ScreenFrame } from '../ui/components';
import { useUi } from '../ui/settings';
import './public.css';

export function OutOfService() {
  const { t } = useUi();
  return (
    <ScreenFrame>
      <section className="diag-oos" role="status" aria-live="polite" data-testid="out-of-service">
        <h1 className="diag-oos-title">{t('diag.oos.title')}</h1>
        <p className="ui-lead">{t('diag.oos.why')}</p>
        <p className="ui-lead">{t('diag.oos.elsewhere')}</p>
      </section>
    </ScreenFrame>
  );
}
