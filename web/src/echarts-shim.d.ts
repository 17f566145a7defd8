// echarts 5's entry .d.ts files re-export extensionless paths that NodeNext cannot follow;
// point the modular entry points at the bundled type files the package exports.
declare module 'echarts/core' {
  export * from 'echarts/types/dist/core';
}
declare module 'echarts/charts' {
  export * from 'echarts/types/dist/charts';
}
declare module 'echarts/components' {
  export * from 'echarts/types/dist/components';
}
declare module 'echarts/renderers' {
  export * from 'echarts/types/dist/renderers';
}
