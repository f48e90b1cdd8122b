import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type ImportSbomRequest, importSbom } from '../../../app/import-sbom.js';
import { HttpError } from '../../errors.js';
import { ImportEventStreamSchema, NDJSON, streamImport, wantsProgressStream } from '../../ndjson.js';
import { acceptRawBodies, SBOM_MEDIA_TYPES } from '../../raw-body.js';
import { DEFAULT_LIMIT, IdParams, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import {
  contentDisposition,
  presentComponent,
  presentImportSbomResult,
  presentSbom,
  sbomMediaType,
} from './presenter.js';
import {
  ComponentListQuery,
  ComponentSchema,
  ImportSbomQuery,
  ImportSbomResultSchema,
  RawDocumentSchema,
  SbomSchema,
} from './schema.js';

/** The stored document, sent as bytes. */
const DocumentBytes = Type.Unsafe<Buffer>(Type.String());

const DOCUMENT_MEDIA_TYPES = [
  'application/vnd.cyclonedx+json',
  'application/vnd.cyclonedx+xml',
  'application/spdx+json',
  'text/spdx',
];

export const sbomRoutes: ApiRoutes = async (app, { store, maxImportBytes }) => {
  app.get(
    '/sboms/:id',
    {
      schema: {
        tags: ['sboms'],
        summary: 'What is known about one SBOM (not its content)',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: SbomSchema }),
      },
    },
    async (request) => {
      const sbom = await store.getSbom(request.params.id);
      if (!sbom) throw HttpError.notFound('The SBOM');
      return presentSbom(sbom);
    },
  );

  app.get(
    '/sboms/:id/content',
    {
      schema: {
        tags: ['sboms'],
        summary: 'The SBOM document exactly as it was received',
        params: IdParams,
        querystring: NoQuery,
        response: responses({
          200: {
            description: 'The document, with the media type of its format and encoding.',
            content: Object.fromEntries(
              DOCUMENT_MEDIA_TYPES.map((type) => [type, { schema: DocumentBytes }]),
            ),
          },
        }),
      },
    },
    async (request, reply) => {
      const sbom = await store.getSbom(request.params.id);
      const content = sbom && (await store.getSbomContent(sbom.id));
      if (!sbom || content === undefined) throw HttpError.notFound('The SBOM');
      // A Buffer goes out as it is; a string with a JSON media type would be serialised as a JSON string.
      return reply
        .type(sbomMediaType(sbom))
        .header('content-disposition', contentDisposition(sbom))
        .send(Buffer.from(content, 'utf8'));
    },
  );

  app.get(
    '/sboms/:id/components',
    {
      schema: {
        tags: ['sboms', 'components'],
        summary: 'The components an SBOM lists, by name',
        params: IdParams,
        querystring: ComponentListQuery,
        response: responses({ 200: Page(ComponentSchema) }),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, q } = request.query;
      const page = await store.listComponents(request.params.id, { limit, cursor, sort, order, q });
      // An empty page may mean there is no such SBOM; only then is it worth asking.
      if (page.items.length === 0 && !(await store.getSbom(request.params.id)))
        throw HttpError.notFound('The SBOM');
      return { items: page.items.map(presentComponent), nextCursor: page.nextCursor };
    },
  );

  // Uploads read their body as raw bytes: a context of their own, with parsers for the document media types.
  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawBodies(upload, SBOM_MEDIA_TYPES, maxImportBytes);
    upload.post(
      '/sboms',
      {
        bodyLimit: maxImportBytes,
        schema: {
          tags: ['sboms'],
          summary: 'Import an SBOM as the current SBOM of the product version it describes',
          description:
            'The format is recognised from the content. 201 when stored; 200 with `status: "unchanged"` when the same document is already current. ' +
            'Send `Accept: application/x-ndjson` to follow the progress of a large import.',
          querystring: ImportSbomQuery,
          body: {
            content: Object.fromEntries(
              SBOM_MEDIA_TYPES.map((type) => [type, { schema: RawDocumentSchema }]),
            ),
          },
          response: responses(
            {
              201: ImportSbomResultSchema,
              200: {
                description: 'Unchanged (JSON), or the progress stream (NDJSON) when asked for.',
                content: {
                  'application/json': { schema: ImportSbomResultSchema },
                  [NDJSON]: { schema: ImportEventStreamSchema },
                },
              },
            },
            [400, 413, 415, 422, 500],
          ),
        },
      },
      async (request, reply) => {
        const content = rawBody(request.body);
        const { supplier, product, productVersion, fileName, strict } = request.query;
        const importRequest: ImportSbomRequest = {
          content,
          fileName,
          supplier,
          product,
          productVersion,
          strict,
          maxBytes: maxImportBytes,
        };

        if (wantsProgressStream(request)) {
          return streamImport(
            request,
            reply,
            (progress) => importSbom(store, importRequest, progress),
            presentImportSbomResult,
          );
        }
        const result = await importSbom(store, importRequest);
        if (result.status === 'unchanged') return reply.status(200).send(presentImportSbomResult(result));
        return reply
          .status(201)
          .header('location', `/api/v1/sboms/${result.sbomId}`)
          .send(presentImportSbomResult(result));
      },
    );
  });
};

function rawBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new HttpError(400, 'validation_failed', 'Send the document as the request body.', [
    { in: 'body', path: '$', message: 'is required' },
  ]);
}
