export { generateTestCertificate, type TestCertificate } from './testing/test-certificates.js';
