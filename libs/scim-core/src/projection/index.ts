export * from './projection-selection';
export { projectResource } from './project-resource';
export * from './wants-attribute';
