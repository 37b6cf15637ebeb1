import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { ScrollToTop } from './components/ScrollToTop';
import { TrustListPage } from './pages/TrustListPage';
import { TrustPage } from './pages/TrustPage';
import { InterventionPage } from './pages/InterventionPage';
import { ProposeInterventionPage } from './pages/ProposeInterventionPage';
import { AccessTokenPage } from './pages/AccessTokenPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { EvidencePage } from './pages/EvidencePage';
import { ProjectionPage } from './pages/ProjectionPage';

export function App() {
  return (
    <Layout>
      <ScrollToTop />
      <Routes>
        <Route path="/" element={<TrustListPage />} />
        <Route path="/trusts/:code" element={<TrustPage />} />
        <Route path="/interventions/new" element={<ProposeInterventionPage />} />
        <Route path="/interventions/:id" element={<InterventionPage />} />
        <Route path="/evidence" element={<EvidencePage />} />
        <Route path="/projection" element={<ProjectionPage />} />
        <Route path="/access" element={<AccessTokenPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
