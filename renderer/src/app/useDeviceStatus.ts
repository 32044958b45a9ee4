import { useEffect, useState } from 'react';
import type { DeviceStatusDto } from '../../../main/ipc/contract';
import { kioskApi } from '../api/kiosk';

/** Device list from the host, kept live by status events. `null` until the host has answered. */
export function useDeviceStatus(): DeviceStatusDto[] | null {
  const [devices, setDevices] = useState<DeviceStatusDto[] | null>(null);
  useEffect(() => {
    const api = kioskApi();
    let alive = true;
    const off = api.devices.onStatus((s) =>
      setDevices((prev) => [...(prev ?? []).filter((d) => d.deviceId !== s.deviceId), s]),
    );
    const load = async () => {
      const r = await api.devices.list();
      if (!alive) return;
      if (r.ok) setDevices(r.value);
      else setTimeout(() => void load(), 2000);
    };
    void load();
    api.ready();
    return () => {
      alive = false;
      off();
    };
  }, []);
  return devices;
}
