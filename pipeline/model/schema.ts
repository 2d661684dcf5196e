// JSON Schema for model files; Ajv reports errors with the JSON path of the offending value.
export const modelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'version', 'description', 'dimensions', 'signals', 'bands', 'min_coverage', 'playbooks'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    version: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    min_coverage: { type: 'number', minimum: 0, maximum: 1 },
    dimensions: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[a-z][a-z0-9_]*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'weight'],
        properties: {
          label: { type: 'string', minLength: 1 },
          weight: { type: 'number', minimum: 0, maximum: 1 },
          description: { type: 'string' },
        },
      },
    },
    signals: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[a-z][a-z0-9_]*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['dimension', 'aggregation', 'window_days', 'direction', 'normalization', 'weight'],
        properties: {
          dimension: { type: 'string' },
          aggregation: { enum: ['sum', 'mean', 'last', 'trend'] },
          window_days: { type: 'integer', minimum: 1, maximum: 3660 },
          direction: { enum: ['higher', 'lower'] },
          weight: { type: 'number', minimum: 0, maximum: 1 },
          description: { type: 'string' },
          normalization: {
            type: 'object',
            additionalProperties: false,
            required: ['method'],
            properties: {
              method: { enum: ['cohort_percentile', 'linear'] },
              segment: { enum: ['all', 'type', 'tier', 'region'] },
              floor: { type: 'number' },
              target: { type: 'number' },
            },
            if: { properties: { method: { const: 'linear' } } },
            then: { required: ['floor', 'target'] },
          },
        },
      },
    },
    bands: {
      type: 'object',
      additionalProperties: false,
      required: ['green_min', 'red_below'],
      properties: {
        green_min: { type: 'number', minimum: 0, maximum: 100 },
        red_below: { type: 'number', minimum: 0, maximum: 100 },
        drop_downgrade: {
          type: 'object',
          additionalProperties: false,
          required: ['points', 'months'],
          properties: { points: { type: 'number', exclusiveMinimum: 0 }, months: { type: 'integer', minimum: 1, maximum: 24 } },
        },
        all_dimensions_red: {
          type: 'object',
          additionalProperties: false,
          required: ['below'],
          properties: { below: { type: 'number', minimum: 0, maximum: 100 } },
        },
      },
    },
    playbooks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['band', 'weakest', 'playbook', 'action'],
        properties: {
          band: { enum: ['yellow', 'red'] },
          weakest: { type: 'string' },
          playbook: { type: 'string', minLength: 1 },
          action: { type: 'string', minLength: 1 },
        },
      },
    },
    provenance: { type: 'object' },
  },
} as const;
