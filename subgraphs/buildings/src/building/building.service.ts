import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, decodeCursor, encodeCursor, pageSize, toPage, type Page } from '@lobby/platform';
import { z } from 'zod';
import { Membership } from '../membership/membership.entity.js';
import { MembershipRole, MembershipStatus } from '../membership/membership.rules.js';
import { lockBuilding, requireActiveManager } from '../membership/membership.access.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Building } from './building.entity.js';
import {
  directorySearchPattern,
  normalizeAccentColor,
  normalizeAddress,
  normalizeBuildingName,
  normalizeCity,
  normalizeCountry,
  normalizeLogoMediaId,
  normalizeSlug,
  SLUG_MAX_LENGTH,
} from './building.rules.js';

export interface NewBuilding {
  name: string;
  slug: string;
  address: string;
  city: string;
  country: string;
}

/** Absent fields stay as they are; a null logo removes it. */
export interface BrandingChange {
  accentColor?: string | null;
  logoMediaId?: string | null;
}

const DIRECTORY_CURSOR = 'building';
const directoryCursor = z.object({ slug: z.string().max(SLUG_MAX_LENGTH) });

export class BuildingService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** Creates a building with its creator as first (ACTIVE) MANAGER, in one transaction. */
  async create(input: NewBuilding): Promise<Building> {
    const userId = requireUser(this.viewer);
    const fields = {
      name: normalizeBuildingName(input.name),
      slug: normalizeSlug(input.slug),
      address: normalizeAddress(input.address),
      city: normalizeCity(input.city),
      country: normalizeCountry(input.country),
    };
    const taken = () => new ConflictError(`The slug "${fields.slug}" is already taken.`);
    if (await this.em.count(Building, { slug: fields.slug })) throw taken();
    try {
      return await this.em.transactional(async (tx) => {
        const building = tx.create(Building, fields);
        const now = new Date();
        tx.create(Membership, { building, userId, role: MembershipRole.MANAGER, status: MembershipStatus.ACTIVE, requestedAt: now, joinedAt: now });
        await tx.flush();
        return building;
      });
    } catch (error) {
      // Two creations of one slug at the same instant: the unique index decides.
      if (error instanceof UniqueConstraintViolationException) throw taken();
      throw error;
    }
  }

  /** Any case; null for an unknown slug, and for one that could never be a slug (without asking the database). */
  async findBySlug(slug: string): Promise<Building | null> {
    const normalized = slug.trim().toLowerCase();
    if (normalized.length > SLUG_MAX_LENGTH) return null;
    return this.em.findOne(Building, { slug: normalized });
  }

  /**
   * The public directory, ordered by slug (unique, so the order is total and the cursor is the
   * slug alone); `search` matches a substring of the name or city in any case.
   */
  async directory(options: { search?: string | null; first?: number | null; after?: string | null }): Promise<Page<Building>> {
    const limit = pageSize(options.first);
    const pattern = directorySearchPattern(options.search);
    const after = options.after ? decodeCursor(DIRECTORY_CURSOR, options.after, directoryCursor) : null;
    const rows = await this.em.find(
      Building,
      {
        ...(pattern ? { $or: [{ name: { $ilike: pattern } }, { city: { $ilike: pattern } }] } : {}),
        ...(after ? { slug: { $gt: after.slug } } : {}),
      },
      { orderBy: { slug: 'asc' }, limit: limit + 1 },
    );
    return toPage(rows, limit);
  }

  static cursorOf(building: Building): string {
    return encodeCursor(DIRECTORY_CURSOR, { slug: building.slug });
  }

  /** Managers only. */
  async updateBranding(buildingId: string, change: BrandingChange): Promise<Building> {
    const userId = requireUser(this.viewer);
    const accentColor = change.accentColor === undefined || change.accentColor === null ? undefined : normalizeAccentColor(change.accentColor);
    const logoMediaId = change.logoMediaId === undefined ? undefined : normalizeLogoMediaId(change.logoMediaId);
    return this.em.transactional(async (tx) => {
      const building = await lockBuilding(tx, buildingId);
      await requireActiveManager(tx, building, userId);
      if (accentColor !== undefined) building.accentColor = accentColor;
      if (logoMediaId !== undefined) building.logoMediaId = logoMediaId;
      await tx.flush();
      return building;
    });
  }
}
