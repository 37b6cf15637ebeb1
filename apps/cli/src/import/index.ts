export * from './ae-attendances';
export * from './ods-trusts';
export * from './plan-ae-import';
export * from './series-file';
