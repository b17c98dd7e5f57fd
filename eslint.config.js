import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // core is pure: clock and randomness are passed in, edges are never imported
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../bank/*',
                '../store/*',
                '../ui/*',
                '../commands/*',
                'node:*',
                'fs',
                'better-sqlite3',
              ],
              message: 'src/core must stay pure',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'pass the clock in' },
        { object: 'Math', property: 'random', message: 'pass the RNG in' },
      ],
    },
  },
);
