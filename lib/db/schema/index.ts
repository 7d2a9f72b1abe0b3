export * from './artifacts';
export * from './audit';
export * from './auth';
export * from './clusters';
export * from './distribution';
export * from './projects';
