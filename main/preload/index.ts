// Runs in the page's isolated world. Builds window.kiosk from the contract, nothing else:
// no generic pass-through, no process.env, no ipcRenderer on window.
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskApi } from '../ipc/contract/channels';

const subscribe = <T>(channel: string, listener: (payload: T) => void): (() => void) => {
  const wrapped = (_e: unknown, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
};

const api: KioskApi = {
  app: {
    info: () => ipcRenderer.invoke('app:info', {}),
    ready: () => ipcRenderer.send('app:rendererReady'),
  },
  devices: {
    list: () => ipcRenderer.invoke('devices:list', {}),
    onStatus: (listener) => subscribe('devices:status', listener),
  },
  filings: {
    submit: (input) => ipcRenderer.invoke('filings:submit', input),
    status: (input) => ipcRenderer.invoke('filings:status', input),
    onState: (listener) => subscribe('filings:state', listener),
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
