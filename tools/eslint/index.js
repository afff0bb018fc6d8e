'use strict';
// The repository's own ESLint rules, loaded by eslint.config.mjs as the `underpin` plugin.
const { fileRolesRule } = require('./file-roles');

module.exports = {
  meta: { name: 'underpin' },
  rules: { 'file-roles': fileRolesRule },
};
