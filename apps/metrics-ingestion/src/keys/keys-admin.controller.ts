import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ENTITY_ID_PATTERN } from '@underpin/contracts';
import type { ApiKeyDto, ApiKeyPageDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { checkCreateApiKey } from './dto/create-api-key.dto';
import { CreateApiKeyUseCase } from './use-cases/create-api-key/create-api-key.use-case';
import { decodeApiKeyCursor, ListApiKeysUseCase, MAX_PAGE } from './use-cases/list-api-keys/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './use-cases/revoke-api-key/revoke-api-key.use-case';

const DEFAULT_PAGE = 100;

/**
 * The sources' API keys: `POST /admin/keys` mints one (answered once, stored hashed),
 * `GET /admin/keys` pages through them, `POST /admin/keys/:id/revoke` revokes one. Every
 * route is behind the admin token (adminTokenMiddleware, applied by the module).
 */
@Controller('admin/keys')
export class KeysAdminController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown): Promise<CreatedApiKeyDto> {
    const checked = checkCreateApiKey(body);
    if (!checked.ok) throw badRequest(checked.problems);
    return this.createKey.execute(checked.input);
  }

  @Get()
  async list(@Query('first') first?: string, @Query('after') after?: string): Promise<ApiKeyPageDto> {
    const size = first === undefined ? DEFAULT_PAGE : Number(first);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badRequest([{ path: 'first', message: `must be an integer between 1 and ${MAX_PAGE}` }]);
    const cursor = after === undefined ? undefined : decodeApiKeyCursor(after);
    if (after !== undefined && cursor === undefined) throw badRequest([{ path: 'after', message: 'is not a cursor of this list' }]);
    return this.listKeys.execute(size, cursor);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(@Param('id') id: string): Promise<ApiKeyDto> {
    const revoked = ENTITY_ID_PATTERN.test(id) ? await this.revokeKey.execute(id) : undefined;
    if (revoked === undefined) throw new HttpException({ error: 'not-found', message: `no API key ${JSON.stringify(id)}` }, HttpStatus.NOT_FOUND);
    return revoked;
  }
}

function badRequest(problems: ReadonlyArray<{ path: string; message: string }>): HttpException {
  return new HttpException({ error: 'bad-request', problems }, HttpStatus.BAD_REQUEST);
}
