// A process that lays a map out on a layout pool, starts another it never uses, and closes neither: it must still
// exit by itself.
import { exactKnn } from '../../topics/knn';
import { syntheticClusters } from '../../topics/umap';
import { LayoutThreadPool } from '../LayoutThreadPool';

const data = syntheticClusters({ n: 300, clusters: 3, dim: 8, seed: 1 });
const knn = exactKnn(data.vectors, data.vectors, 8, 14, { metric: 'cosine', excludeSelf: true });
const pool = new LayoutThreadPool({ threads: 2 });
new LayoutThreadPool({ threads: 2 });
const { map } = await pool.mapLayout(data.vectors, 8, knn, 3);
process.stdout.write(`mapped ${map.x.length}\n`);
