import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../../api-key.entity';
import { type ApiKeyPageDto, toApiKeyDto } from '../../dto/api-key.dto';

const LIST = 'apiKeys';
export const MAX_PAGE = 500;

/** A page of keys in the order they were created, revoked ones included. */
@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(first: number, after?: ApiKeyCursor): Promise<ApiKeyPageDto> {
    const query = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k').orderBy('k.created_at', 'ASC').addOrderBy('k.id', 'ASC').limit(first + 1);
    if (after !== undefined) query.where('(k.created_at, k.id) > (:at, :id)', { at: new Date(after.createdAt), id: after.id });
    const rows = await query.getMany();
    const nodes = rows.slice(0, first).map(toApiKeyDto);
    const last = nodes[nodes.length - 1];
    return { nodes, pageInfo: { endCursor: last === undefined ? null : encodeApiKeyCursor({ createdAt: last.createdAt, id: last.id }), hasNextPage: rows.length > first } };
  }
}

export interface ApiKeyCursor {
  createdAt: string;
  id: string;
}

export function encodeApiKeyCursor(cursor: ApiKeyCursor): string {
  return Buffer.from(JSON.stringify([LIST, cursor.createdAt, cursor.id])).toString('base64url');
}

/** The position a cursor of this list names; undefined for anything else. */
export function decodeApiKeyCursor(text: string): ApiKeyCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== LIST) return undefined;
    const [, createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || typeof id !== 'string') return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}
