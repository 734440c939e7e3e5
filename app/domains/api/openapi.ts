// The OpenAPI 3.1 description of /api/v1. Every /api/v1 route adds its path here.
import { offeringKinds } from '../../../search/document.ts'

export function openApiDocument(serverUrl: string) {
  const facetMap = { type: 'object', additionalProperties: { type: 'integer' } }
  return {
    openapi: '3.1.0',
    info: {
      title: '众创 Zhongchuang public API',
      version: '1.0.0',
      description:
        'Search the offerings of China’s professionalized maker spaces: spaces and organisations now; challenges, equipment, campaigns and startups as they open.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      '/search': {
        get: {
          operationId: 'searchOfferings',
          summary: 'Search every public offering',
          parameters: [
            {
              name: 'q',
              in: 'query',
              schema: { type: 'string', maxLength: 100 },
              description:
                'Words, in Chinese or English; instrument abbreviations (SEM, XRD…) find their Chinese names.',
            },
            { name: 'kind', in: 'query', schema: { type: 'string', enum: [...offeringKinds] } },
            {
              name: 'segment',
              in: 'query',
              schema: { type: 'string', pattern: '^\\d{1,2}(\\.\\d{1,2})?$' },
              description:
                'An industry segment of 战略性新兴产业分类 (2018), first (3) or second (3.6) level.',
            },
            { name: 'city', in: 'query', schema: { type: 'string' } },
            {
              name: 'space',
              in: 'query',
              schema: { type: 'string' },
              description: 'A space’s slug: its members and itself.',
            },
            {
              name: 'sort',
              in: 'query',
              schema: { type: 'string', enum: ['relevance', 'newest'], default: 'relevance' },
            },
            {
              name: 'page',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 1 },
            },
            {
              name: 'per_page',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 },
            },
          ],
          responses: {
            '200': {
              description: 'Matching offerings with facet counts',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['hits', 'facets', 'total', 'page', 'degraded'],
                    properties: {
                      hits: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: [
                            'kind',
                            'id',
                            'title',
                            'url',
                            'summary',
                            'highlights',
                            'facts',
                          ],
                          properties: {
                            kind: { type: 'string', enum: [...offeringKinds] },
                            id: { type: 'string' },
                            title: { type: 'string' },
                            title_en: { type: ['string', 'null'] },
                            url: { type: 'string', format: 'uri' },
                            summary: { type: 'string' },
                            highlights: {
                              type: 'object',
                              properties: {
                                title: { type: 'array', items: { type: 'string' } },
                                summary: { type: 'array', items: { type: 'string' } },
                              },
                            },
                            facts: { type: 'object', additionalProperties: true },
                          },
                        },
                      },
                      facets: {
                        type: 'object',
                        properties: {
                          kind: facetMap,
                          segments1: facetMap,
                          segments2: facetMap,
                          city: facetMap,
                        },
                      },
                      total: { type: 'integer' },
                      page: { type: 'integer' },
                      total_pages: { type: 'integer' },
                      understood: {
                        type: 'object',
                        description:
                          'Filters read from q and applied: a city or industry segment named in the words (as in "XRD 苏州") when other words are left to search for. Their words are then not searched as text.',
                        properties: {
                          city: { type: ['string', 'null'] },
                          segment: { type: ['string', 'null'] },
                        },
                      },
                      degraded: {
                        type: 'boolean',
                        description:
                          'True when answered by the simpler database search while the search engine is away.',
                      },
                    },
                  },
                },
              },
            },
            '400': {
              description: 'A parameter is invalid',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            '429': {
              description: 'Too many requests from this address',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                parameter: { type: 'string' },
                message: { type: 'string' },
                retry_after: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  }
}
