import { useEffect, useState } from 'react';
import type { DeviceStatusDto } from '../../../main/ipc/contract';
import type { KioskHost } from '../shell/host';

/** Device list from the host, kept live by status events. `null` until the host has answered. */
export function useDeviceStatus(host: KioskHost): DeviceStatusDto[] | null {
  const [devices, setDevices] = useState<DeviceStatusDto[] | null>(null);
  useEffect(() => {
    let alive = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const off = host.onDeviceStatus((s) =>
      setDevices((prev) => [...(prev ?? []).filter((d) => d.deviceId !== s.deviceId), s]),
    );
    const load = async () => {
      const r = await host.devices();
      if (!alive) return;
      if (r.ok) setDevices(r.value);
      else retry = setTimeout(() => void load(), 2000);
    };
    void load();
    return () => {
      alive = false;
      clearTimeout(retry);
      off();
    };
  }, [host]);
  return devices;
}
