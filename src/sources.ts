/**
 * The bundled sample tenant and the folder opener, where tests, benchmarks and scripts have
 * long imported them from; they live with the tenant-folder source (src/signins/tenant-folder/open.ts).
 */
export { SAMPLE_TENANT, openFolder as openSource } from './signins/tenant-folder/open.ts';
