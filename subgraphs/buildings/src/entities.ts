import { Building } from './building/building.entity.js';
import { Membership } from './membership/membership.entity.js';

export const entities = [Building, Membership];
