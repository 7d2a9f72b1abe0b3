export * from './artifacts';
export * from './audit';
export * from './auth';
export * from './blob-locations';
export * from './clusters';
export * from './distribution';
export * from './projects';
