// Runs in the page's isolated world. Builds window.kiosk from the contract's channel map, nothing
// else: no generic pass-through, no process.env, no ipcRenderer on window.
import { contextBridge, ipcRenderer } from 'electron';
import { buildKioskApi, RENDERER_READY } from '../ipc/contract/channels';

const api = buildKioskApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(channel, listener) {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
  ready: () => ipcRenderer.send(RENDERER_READY),
});

contextBridge.exposeInMainWorld('kiosk', api);
