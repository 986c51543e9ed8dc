import type { ReferenceResolvers } from '@lobby/platform';
import type { BuildingReference } from './building.type.js';

/** Buildings are the buildings subgraph's: a reference is all this subgraph needs to answer `Building.listings`. */
export const buildingReference: ReferenceResolvers = {
  Building: { __resolveReference: (reference: BuildingReference): BuildingReference => ({ id: reference.id }) },
};
