import { render } from 'preact';
import { App } from './app.js';
import { KeyStore } from './auth/key-storage.js';
import './ui/styles.css';

function localStorageOrNone(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

render(<App store={new KeyStore(localStorageOrNone())} />, document.getElementById('app')!);
