import type { Metadata } from 'next';
import { AdminDashboard } from '../_components/admin/AdminDashboard';
import './admin.css';

export const metadata: Metadata = { title: 'chat-topics · admin' };

/** `/admin`: retraining, model versions, the fill-mask playground (signed-in admins only). */
export default function AdminPage() {
  return <AdminDashboard />;
}
