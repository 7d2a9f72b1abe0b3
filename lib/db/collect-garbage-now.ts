import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * One full garbage collection, now. PGlite creates a new database with a second WebAssembly
 * instance (initdb) and drops it; its memory (~400 MB) is only returned when V8 next collects,
 * and an idle server allocates too little to make V8 collect. Node offers no other way to ask
 * for a collection than exposing `gc` (the flag affects only contexts made after it is set).
 */
export function collectGarbageNow(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
}
